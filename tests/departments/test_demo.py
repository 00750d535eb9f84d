"""`python -m scripts.demo`: starts everything, prints the GraphiQL address, GraphiQL opens
with the example operations, Ctrl-C stops every process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def test_demo_starts_serves_examples_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "scripts.demo", "--port", "0", "--persons", "400", "--enterprises", "80",
         "--data-dir", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    output: list[str] = []
    try:
        assert demo.stdout is not None
        deadline = time.monotonic() + 90
        address = None
        while address is None and time.monotonic() < deadline:
            line = demo.stdout.readline()
            if not line:
                break
            output.append(line)
            found = re.search(r"GraphiQL: (http://\S+)", line)
            address = found.group(1) if found else None
        assert address, "".join(output)
        subgraph_urls = re.findall(r"^\s+\w+\s+(http://\S+)", "".join(output), flags=re.MULTILINE)
        assert len(subgraph_urls) == 6, output

        page = httpx.get(address, headers={"accept": "text/html"}, timeout=10)
        assert page.status_code == 200
        for operation in ("CitizenOneStop", "EnterpriseOneStop"):
            assert operation in page.text
        answer = httpx.post(
            address, json={"query": "{ taxArrearsNotices(first: 1) { enterprise { name } } }"}, timeout=30
        )
        assert answer.json()["data"]["taxArrearsNotices"][0]["enterprise"]["name"]

        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=30) in (0, 130)
        for url in [address, *subgraph_urls]:
            try:
                httpx.get(url.replace("/graphql", "/health"), timeout=2)
            except httpx.ConnectError:
                continue
            raise AssertionError(f"{url} still answers after Ctrl-C")
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
