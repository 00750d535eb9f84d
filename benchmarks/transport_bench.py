"""Subgraph transport benchmark: AiohttpTransport vs HttpxTransport.

Self-contained: starts a tiny, fast HTTP server (uvloop + httptools, pre-built responses) in a
separate process on a free loopback port, then drives each transport's ``send()`` at several
concurrency levels against a ~1 KB and a ~87 KB GraphQL answer, and measures

* requests/s (wall clock, measured requests only),
* p50 / p95 / p99 latency of one ``send()`` (request encode, HTTP round trip, JSON decode),
* client-process CPU time per request (``time.process_time()``: all threads of the client
  process, i.e. the gateway's own cost; the server's CPU is in another process and not counted).

Everything is bounded: a fixed number of requests per cell (``--requests``) and a wall-clock cap
per cell (``--max-seconds``); loopback only.

    .venv/bin/python benchmarks/transport_bench.py                 # this interpreter only
    .venv/bin/python benchmarks/transport_bench.py --python /tmp/bench-venv/bin/python

Each interpreter runs in its own child process (``--worker``), which starts its own server; the
parent prints a markdown table and rewrites the "Subgraph transport: aiohttp vs httpx" section of
benchmarks/RESULTS.md (``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import gc
import json
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "RESULTS.md"
SECTION_TITLE = "Subgraph transport: aiohttp vs httpx"

TRANSPORTS = ("aiohttp", "httpx")
DEFAULT_CONCURRENCY = (1, 10, 50)
PAYLOADS = ("1KB", "87KB")

# --------------------------------------------------------------------------------------------
# Payloads: deterministic GraphQL-shaped JSON bodies of ~1 KB and ~87 KB.
# --------------------------------------------------------------------------------------------


def _product(i: int) -> dict[str, Any]:
    return {
        "__typename": "Product",
        "id": f"prod-{i:06d}",
        "name": f"Registered dataset {i} of the regional statistics office",
        "price": {"amount": 100 + (i * 37) % 9000, "currency": "EUR"},
        "inStock": i % 3 != 0,
        "tags": ["open-data", "statistics", f"region-{i % 17}"],
        "owner": {"__typename": "Agency", "id": f"agency-{i % 41}", "name": f"Agency {i % 41}"},
    }


def make_body(target_bytes: int) -> bytes:
    items: list[dict[str, Any]] = []
    body = b""
    while True:
        candidate = json.dumps({"data": {"products": [*items, _product(len(items))]}}, separators=(",", ":")).encode()
        if len(candidate) > target_bytes and items:
            return body
        items.append(_product(len(items)))
        body = candidate


BODIES = {"1KB": make_body(1024), "87KB": make_body(87 * 1024)}
QUERY = "query Products($first: Int) { products(first: $first) { __typename id name price { amount currency } inStock tags owner { __typename id name } } }"


# --------------------------------------------------------------------------------------------
# Server (runs in a separate process): uvloop + httptools, keep-alive, fixed answers by path.
# --------------------------------------------------------------------------------------------


def _response(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        "content-type: application/graphql-response+json\r\n"
        f"content-length: {len(body)}\r\n"
        "\r\n"
    ).encode()
    return head + body


def serve(port: int) -> None:
    import httptools
    import uvloop

    responses = {f"/{name}".encode(): _response(body) for name, body in BODIES.items()}
    not_found = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"

    class Protocol(asyncio.Protocol):
        def __init__(self) -> None:
            self.parser = httptools.HttpRequestParser(self)
            self.url = b""
            self.transport: asyncio.Transport | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport  # type: ignore[assignment]

        def data_received(self, data: bytes) -> None:
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserError:
                assert self.transport is not None
                self.transport.close()

        def on_url(self, url: bytes) -> None:
            self.url = url

        def on_message_complete(self) -> None:
            assert self.transport is not None
            self.transport.write(responses.get(self.url.split(b"?", 1)[0], not_found))
            if not self.parser.should_keep_alive():
                self.transport.close()

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Protocol, "127.0.0.1", port, backlog=1024)
        bound = server.sockets[0].getsockname()[1]
        print(f"PORT {bound}", flush=True)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
        server.close()

    uvloop.run(main())


@contextlib.contextmanager
def server_process(cpu: int | None):
    cmd = [sys.executable, str(Path(__file__).resolve()), "--serve"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        if cpu is not None:
            os.sched_setaffinity(proc.pid, {cpu})
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.fullmatch(r"PORT (\d+)\s*", line)
        if not match:
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        yield int(match.group(1))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------------------------
# Client (worker process): one cell = (transport, payload, concurrency).
# --------------------------------------------------------------------------------------------


def make_transport(name: str):
    if name == "aiohttp":
        from gateway.executors.http_aiohttp import AiohttpTransport

        return AiohttpTransport()
    if name == "httpx":
        from gateway.executors.http_httpx import HttpxTransport

        return HttpxTransport()
    raise ValueError(name)


async def _drive(transport, request, total: int, concurrency: int, deadline: float, latencies: list[int] | None) -> int:
    """Send up to ``total`` requests with ``concurrency`` in flight; returns how many completed."""
    issued = 0
    done = 0
    perf = time.perf_counter_ns
    send = transport.send

    async def worker() -> None:
        nonlocal issued, done
        while issued < total and time.perf_counter() < deadline:
            issued += 1
            t0 = perf()
            result = await send(request)
            t1 = perf()
            if latencies is not None:
                latencies.append(t1 - t0)
            if "data" not in result:
                raise RuntimeError(f"unexpected answer: {str(result)[:200]}")
            done += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


def _pct(sorted_ns: list[int], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not sorted_ns:
        return float("nan")
    k = max(0, min(len(sorted_ns) - 1, int(round(q / 100 * len(sorted_ns) + 0.5)) - 1))
    return sorted_ns[k] / 1e6


async def run_cell(name: str, port: int, payload: str, concurrency: int, n: int, warmup: int, max_seconds: float) -> dict[str, Any]:
    from gateway.executors.transport import SubgraphRequest

    request = SubgraphRequest(
        subgraph="products",
        url=f"http://127.0.0.1:{port}/{payload}",
        query=QUERY,
        variables={"first": 10},
        operation_name="Products",
    )
    transport = make_transport(name)
    try:
        # Warm-up: open `concurrency` keep-alive connections and warm caches; not measured.
        await _drive(transport, request, max(warmup, 2 * concurrency), concurrency, time.perf_counter() + 10, None)
        gc.collect()
        latencies: list[int] = []
        ru0 = resource.getrusage(resource.RUSAGE_SELF)
        cpu0 = time.process_time()
        wall0 = time.perf_counter()
        done = await _drive(transport, request, n, concurrency, wall0 + max_seconds, latencies)
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        ru1 = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        await transport.close()
    latencies.sort()
    return {
        "transport": name,
        "payload": payload,
        "body_bytes": len(BODIES[payload]),
        "concurrency": concurrency,
        "requests": done,
        "wall_s": wall,
        "rps": done / wall,
        "p50_ms": _pct(latencies, 50),
        "p95_ms": _pct(latencies, 95),
        "p99_ms": _pct(latencies, 99),
        "cpu_us_per_req": cpu / done * 1e6,
        "user_us_per_req": (ru1.ru_utime - ru0.ru_utime) / done * 1e6,
        "sys_us_per_req": (ru1.ru_stime - ru0.ru_stime) / done * 1e6,
        "truncated_by_time": done < n,
    }


def interpreter_info() -> dict[str, Any]:
    import aiohttp
    import aiohttp.http_parser
    import httpcore
    import httpx
    import orjson
    import uvloop

    real = os.path.realpath(sys.executable)
    if real.startswith("/usr/bin/"):
        origin = "Debian system build (/usr/bin/python3.11)"
    elif "/.pyenv/" in real:
        origin = "pyenv build"
    else:
        origin = "other"
    config_args = sysconfig.get_config_var("CONFIG_ARGS") or ""
    return {
        "executable": sys.executable,
        "realpath": real,
        "version": platform.python_version(),
        "build": " ".join(platform.python_build()),
        "origin": origin,
        "configure_pgo": "--enable-optimizations" in config_args,
        "configure_lto": "--with-lto" in config_args,
        "opt": sysconfig.get_config_var("OPT"),
        "aiohttp": aiohttp.__version__,
        "aiohttp_c_parser": aiohttp.http_parser.HttpResponseParser
        is getattr(aiohttp.http_parser, "HttpResponseParserC", None),
        "httpx": httpx.__version__,
        "httpcore": httpcore.__version__,
        "uvloop": uvloop.__version__,
        "orjson": orjson.__version__,
    }


def worker_main(args: argparse.Namespace) -> None:
    import uvloop

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # the gateway package, also when the project is not installed

    client_cpu = server_cpu = None
    if args.pin and len(os.sched_getaffinity(0)) >= 2:
        cpus = sorted(os.sched_getaffinity(0))
        client_cpu, server_cpu = cpus[0], cpus[1]
        os.sched_setaffinity(0, {client_cpu})
    cells: list[dict[str, Any]] = []
    with server_process(server_cpu) as port:

        async def main() -> None:
            assert asyncio.get_running_loop().__class__.__module__.startswith("uvloop")
            for rep in range(args.repeats):
                for payload in args.payloads:
                    for concurrency in args.concurrency:
                        # alternate the order across repeats so drift does not favour one transport
                        order = TRANSPORTS if rep % 2 == 0 else tuple(reversed(TRANSPORTS))
                        for name in order:
                            cell = await run_cell(
                                name, port, payload, concurrency, args.requests, args.warmup, args.max_seconds
                            )
                            cell["repeat"] = rep
                            cells.append(cell)
                            print(
                                f"  [{Path(sys.executable).name} rep {rep}] {name:7} {payload:>4} c={concurrency:<3}"
                                f" {cell['rps']:8.0f} req/s  p50 {cell['p50_ms']:.3f} ms"
                                f"  cpu {cell['cpu_us_per_req']:.0f} us/req",
                                file=sys.stderr,
                                flush=True,
                            )

        t0 = time.perf_counter()
        uvloop.run(main())
    out = {
        "interpreter": interpreter_info(),
        "pinned": {"client_cpu": client_cpu, "server_cpu": server_cpu},
        "elapsed_s": time.perf_counter() - t0,
        "cells": cells,
    }
    Path(args.worker).write_text(json.dumps(out, indent=1))


# --------------------------------------------------------------------------------------------
# Parent: run workers, aggregate repeats, print and record.
# --------------------------------------------------------------------------------------------


def aggregate(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Median over repeats of every numeric column, per (payload, concurrency, transport)."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for cell in cells:
        groups.setdefault((cell["payload"], cell["concurrency"], cell["transport"]), []).append(cell)
    rows = []
    for (payload, concurrency, name), group in groups.items():
        row: dict[str, Any] = {"payload": payload, "concurrency": concurrency, "transport": name}
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "cpu_us_per_req", "user_us_per_req", "sys_us_per_req"):
            row[key] = statistics.median(c[key] for c in group)
        row["requests"] = sum(c["requests"] for c in group)
        row["repeats"] = len(group)
        row["truncated_by_time"] = any(c["truncated_by_time"] for c in group)
        rows.append(row)
    order = {p: i for i, p in enumerate(PAYLOADS)}
    rows.sort(key=lambda r: (order.get(r["payload"], 99), r["concurrency"], TRANSPORTS.index(r["transport"])))
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    cpu = {(r["payload"], r["concurrency"], r["transport"]): r["cpu_us_per_req"] for r in rows}
    lines = [
        "| body | in flight | transport | req/s | p50 ms | p95 ms | p99 ms | CPU µs/req | CPU vs aiohttp |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        base = cpu.get((r["payload"], r["concurrency"], "aiohttp"))
        ratio = f"{r['cpu_us_per_req'] / base:.2f}×" if base else "–"
        flag = " (time cap)" if r["truncated_by_time"] else ""
        lines.append(
            f"| {r['payload']} | {r['concurrency']} | {r['transport']}{flag} | {r['rps']:,.0f} | {r['p50_ms']:.3f} |"
            f" {r['p95_ms']:.3f} | {r['p99_ms']:.3f} | {r['cpu_us_per_req']:,.0f} | {ratio} |"
        )
    return "\n".join(lines)


def conclusion(rows: list[dict[str, Any]]) -> tuple[str, list[float]]:
    ratios = []
    deltas = []
    by = {(r["payload"], r["concurrency"], r["transport"]): r for r in rows}
    for (payload, concurrency, name), r in by.items():
        if name != "httpx" or (payload, concurrency, "aiohttp") not in by:
            continue
        a = by[(payload, concurrency, "aiohttp")]
        ratios.append(r["cpu_us_per_req"] / a["cpu_us_per_req"])
        deltas.append(r["cpu_us_per_req"] - a["cpu_us_per_req"])
    if not ratios:
        return "no comparable cells", ratios
    if min(ratios) > 1:
        verdict = (
            f"aiohttp uses less client CPU per request in every cell: httpx costs {min(ratios):.2f}×–{max(ratios):.2f}×"
            f" as much ({min(deltas):,.0f}–{max(deltas):,.0f} µs more per request)"
        )
    elif max(ratios) < 1:
        verdict = (
            f"httpx uses less client CPU per request in every cell: aiohttp costs {1 / max(ratios):.2f}×–"
            f"{1 / min(ratios):.2f}× as much ({-max(deltas):,.0f}–{-min(deltas):,.0f} µs more per request)"
        )
    else:
        verdict = f"mixed: httpx/aiohttp CPU-per-request ratio ranges {min(ratios):.2f}×–{max(ratios):.2f}× across cells"
    return verdict, ratios


def machine_info() -> dict[str, Any]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = "?"
    with contextlib.suppress(OSError):
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return {"nproc": os.cpu_count(), "cpu_model": model, "kernel": platform.release(), "loadavg_before": load}


def render_section(machine: dict[str, Any], runs: list[dict[str, Any]], args: argparse.Namespace) -> str:
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"## {SECTION_TITLE}",
        "",
        f"Recorded {today} by `benchmarks/transport_bench.py` (rerun: `{args.command_line}`).",
        "",
        f"- Machine: {machine['nproc']} CPUs, `{machine['cpu_model']}` (/proc/cpuinfo), Linux {machine['kernel']},"
        f" load average before the run {machine['loadavg_before']}.",
        "- Server: uvloop + httptools in a separate process, fixed answers"
        f" ({len(BODIES['1KB']):,} B and {len(BODIES['87KB']):,} B of GraphQL JSON), loopback keep-alive."
        " Client and server pinned to different CPUs when at least 2 are available.",
        f"- Per cell: {args.warmup} warm-up requests (not measured; at least 2× the concurrency), then"
        f" {args.requests:,} requests (cap {args.max_seconds:g} s), {args.repeats} repeat(s) with alternating"
        " transport order; table values are medians over repeats. Event loop: uvloop.",
        "- Measured: one `Transport.send()` (orjson encode, HTTP round trip, `decode_graphql_response`)."
        " CPU µs/req = `time.process_time()` of the client process (all its threads) ÷ requests: the gateway's cost."
        " Server CPU is not counted.",
        "",
    ]
    verdicts = []
    for run in runs:
        info = run["interpreter"]
        rows = aggregate(run["cells"])
        verdict, ratios = conclusion(rows)
        verdicts.append((info, verdict, ratios))
        build = (
            f"configure --enable-optimizations: {'yes' if info['configure_pgo'] else 'no'},"
            f" --with-lto: {'yes' if info['configure_lto'] else 'no'}, OPT `{info['opt']}`"
        )
        out += [
            f"### Python {info['version']} — {info['origin']}",
            "",
            f"`{info['executable']}` → `{info['realpath']}` ({info['build']}; {build}).",
            f"aiohttp {info['aiohttp']} (C parser: {'yes' if info['aiohttp_c_parser'] else 'no'}),"
            f" httpx {info['httpx']} / httpcore {info['httpcore']}, uvloop {info['uvloop']}, orjson {info['orjson']}."
            f" Pinned: client CPU {run['pinned']['client_cpu']}, server CPU {run['pinned']['server_cpu']}."
            f" Wall time of this run: {run['elapsed_s']:.0f} s.",
            "",
            table(rows),
            "",
            f"Result: {verdict}.",
            "",
        ]
    out += ["### Conclusion", ""]
    all_ratios = [r for _, _, ratios in verdicts for r in ratios]
    if all_ratios and min(all_ratios) > 1:
        out.append(
            "**aiohttp is the faster hot-path default** on every interpreter, body size and concurrency level measured:"
            f" httpx needs {min(all_ratios):.2f}×–{max(all_ratios):.2f}× the client CPU per request."
        )
    elif all_ratios and max(all_ratios) < 1:
        out.append(
            "**httpx is the faster hot-path default** on every interpreter, body size and concurrency level measured:"
            f" aiohttp needs {1 / max(all_ratios):.2f}×–{1 / min(all_ratios):.2f}× the client CPU per request."
        )
    else:
        out.append("Mixed result: neither transport is cheaper in every cell; see the tables.")
    for info, verdict, _ in verdicts:
        out.append(f"- Python {info['version']} ({info['origin']}): {verdict}.")
    out.append("")
    return "\n".join(out)


def write_results(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n\nRecorded by the scripts in benchmarks/ (see README.md there).\n"
    pattern = re.compile(rf"^## {re.escape(SECTION_TITLE)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text.rstrip("\n") + "\n")


def parent_main(args: argparse.Namespace, argv: list[str]) -> None:
    machine = machine_info()
    pythons = [sys.executable, *args.python]
    runs = []
    for python in pythons:
        print(f"== {python}", file=sys.stderr, flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            out_path = tmp.name
        try:
            cmd = [python, str(Path(__file__).resolve()), "--worker", out_path, *argv]
            subprocess.run(cmd, check=True, cwd=REPO, timeout=args.max_seconds * 100 + 120)
            runs.append(json.loads(Path(out_path).read_text()))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(out_path)
    for run in runs:
        info = run["interpreter"]
        print(f"\n### Python {info['version']} — {info['origin']} ({info['realpath']})\n")
        print(table(aggregate(run["cells"])))
        print(f"\nResult: {conclusion(aggregate(run['cells']))[0]}.")
    if not args.no_write:
        section = render_section(machine, runs, args)
        write_results(section)
        print(f"\nwrote section '{SECTION_TITLE}' to {RESULTS.relative_to(REPO)}", file=sys.stderr)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per cell (default 3000)")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured warm-up requests per cell (default 200)")
    parser.add_argument("--max-seconds", type=float, default=8.0, help="wall-clock cap per cell (default 8)")
    parser.add_argument("--repeats", type=int, default=2, help="repeats per cell, median reported (default 2)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=list(DEFAULT_CONCURRENCY))
    parser.add_argument("--payloads", nargs="+", choices=PAYLOADS, default=list(PAYLOADS))
    parser.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin client/server to CPUs")
    parser.add_argument(
        "--python", action="append", default=[], metavar="PATH",
        help="also run under this interpreter (needs aiohttp httpx orjson uvloop httptools and the project)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; do not update RESULTS.md")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker", metavar="JSON_OUT", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> None:
    argv = sys.argv[1:]
    args = parse_args(argv)
    if args.serve:
        serve(0)
        return
    if args.worker:
        worker_main(args)
        return
    # options forwarded to workers: everything except the parent-only ones
    forward: list[str] = []
    skip_next = False
    for item in argv:
        if skip_next:
            skip_next = False
            continue
        if item == "--python":
            skip_next = True
            continue
        if item.startswith("--python=") or item == "--no-write":
            continue
        forward.append(item)
    args.command_line = " ".join(["python", "benchmarks/transport_bench.py", *argv])
    parent_main(args, forward)


if __name__ == "__main__":
    main()
