"""Start the department subgraphs as separate processes and wait until they serve.

    with Cluster.start(data_dir=Path("var/data")) as cluster:
        cluster.urls          # {"household": "http://127.0.0.1:40123/graphql", ...}
        cluster.stop_one("health")

Each department runs ``python -m subgraphs <name> --port P --exit-with-parent ...`` in its own
session (a Ctrl-C in the terminal reaches only the parent, which then stops the children in
order) and reports readiness with one line on stdout (see :mod:`subgraphs.common.server`).
Port 0 (the default) lets each process bind a free port itself, so there is no race.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import DEPARTMENT_NAMES
from .common.server import READY_PREFIX
from .common.world import DEFAULT_ENTERPRISES, DEFAULT_PERSONS, DEFAULT_SEED


class ClusterError(RuntimeError):
    pass


@dataclass
class SubgraphProcess:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path | None
    ready: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.ready["url"]

    def log_tail(self, lines: int = 20) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Cluster:
    processes: dict[str, SubgraphProcess]

    @property
    def urls(self) -> dict[str, str]:
        return {name: p.url for name, p in self.processes.items()}

    @classmethod
    def start(
        cls,
        names: Iterable[str] = DEPARTMENT_NAMES,
        *,
        data_dir: Path | str,
        database_url: str | None = None,
        schema_prefix: str = "",
        seed: int = DEFAULT_SEED,
        persons: int = DEFAULT_PERSONS,
        enterprises: int = DEFAULT_ENTERPRISES,
        ports: Mapping[str, int] | None = None,
        host: str = "127.0.0.1",
        log_dir: Path | str | None = None,
        log_level: str = "warning",
        timeout: float = 180.0,
        env: Mapping[str, str] | None = None,
    ) -> Cluster:
        """Start the departments and wait for all of them to be ready (seeding included).

        ``log_dir``: each department's stderr goes to ``<log_dir>/<name>.log``; by default it
        is inherited (the demo shows subgraph warnings in its terminal).
        """
        environment = {**os.environ, **(env or {})}
        environment.pop("DATABASE_URL", None)  # passed explicitly, or SQLite on purpose
        processes: dict[str, SubgraphProcess] = {}
        try:
            for name in names:
                command = [
                    sys.executable, "-m", "subgraphs", name,
                    "--host", host,
                    "--port", str((ports or {}).get(name, 0)),
                    "--data-dir", str(Path(data_dir).resolve()),
                    "--seed", str(seed),
                    "--persons", str(persons),
                    "--enterprises", str(enterprises),
                    "--log-level", log_level,
                    "--exit-with-parent",
                ]  # fmt: skip
                if database_url:
                    command += ["--database-url", database_url, "--schema-prefix", schema_prefix]
                log_path = Path(log_dir) / f"{name}.log" if log_dir is not None else None
                stderr: IO[bytes] | None = None
                if log_path is not None:
                    log_path.parent.mkdir(parents=True, exist_ok=True)
                    stderr = open(log_path, "wb")  # noqa: SIM115 - the child keeps it
                process = subprocess.Popen(
                    command,
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    stdin=subprocess.DEVNULL,
                    env=environment,
                    cwd=Path(__file__).resolve().parent.parent,
                    start_new_session=True,
                )
                if stderr is not None:
                    stderr.close()
                processes[name] = SubgraphProcess(name, process, log_path)
            cluster = cls(processes)
            cluster._wait_ready(timeout)
            return cluster
        except BaseException:
            cls(processes).stop()
            raise

    def _wait_ready(self, timeout: float) -> None:
        selector = selectors.DefaultSelector()
        buffers: dict[str, bytes] = {}
        for name, sub in self.processes.items():
            assert sub.process.stdout is not None
            os.set_blocking(sub.process.stdout.fileno(), False)
            selector.register(sub.process.stdout, selectors.EVENT_READ, name)
            buffers[name] = b""
        deadline = time.monotonic() + timeout
        waiting = set(self.processes)
        try:
            while waiting:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ClusterError(f"subgraphs not ready after {timeout:.0f}s: {', '.join(sorted(waiting))}")
                for key, _ in selector.select(min(remaining, 0.5)):
                    name = key.data
                    chunk = key.fileobj.read()  # type: ignore[union-attr]
                    if not chunk:  # EOF: the process ended before it was ready
                        selector.unregister(key.fileobj)
                        sub = self.processes[name]
                        code = sub.process.wait(timeout=10)
                        raise ClusterError(f"subgraph {name} exited with {code} before serving\n{sub.log_tail()}")
                    buffers[name] += chunk
                    for line in buffers[name].decode(errors="replace").splitlines():
                        if line.startswith(READY_PREFIX) and name in waiting:
                            self.processes[name].ready = json.loads(line[len(READY_PREFIX) :])
                            waiting.discard(name)
                            selector.unregister(key.fileobj)
                for name in list(waiting):
                    sub = self.processes[name]
                    if sub.process.poll() is not None and not buffers[name]:
                        raise ClusterError(
                            f"subgraph {name} exited with {sub.process.returncode} before serving\n{sub.log_tail()}"
                        )
        finally:
            selector.close()

    def stop_one(self, name: str, timeout: float = 10.0) -> None:
        sub = self.processes[name]
        if sub.process.poll() is None:
            sub.process.send_signal(signal.SIGTERM)
            try:
                sub.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                sub.process.kill()
                sub.process.wait()
        if sub.process.stdout is not None:
            sub.process.stdout.close()

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM every department (uvicorn shuts down gracefully), SIGKILL the stragglers."""
        for sub in self.processes.values():
            if sub.process.poll() is None:
                sub.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for sub in self.processes.values():
            try:
                sub.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                sub.process.kill()
                sub.process.wait()
            if sub.process.stdout is not None:
                sub.process.stdout.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
