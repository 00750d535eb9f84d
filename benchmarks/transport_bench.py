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

#: "httpx+sniffio" is HttpxTransport with a `sniffio` module importable. httpcore 1.0.x runs
#: `import sniffio` each time it sets up a lock or an event (several times per request); recent anyio
#: no longer depends on sniffio, so in a fresh install that import *fails* every time, and a failed
#: import is not cached: each one searches sys.path again. This row shows httpx without that cost
#: (the real sniffio if installed, else a stand-in that answers "asyncio").
TRANSPORTS = ("aiohttp", "httpx", "httpx+sniffio")
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
QUERY = (
    "query Products($first: Int) { products(first: $first) {"
    " __typename id name price { amount currency } inStock tags owner { __typename id name } } }"
)


# --------------------------------------------------------------------------------------------
# Server (runs in a separate process): uvloop + httptools, keep-alive, fixed answers by path.
# --------------------------------------------------------------------------------------------


def _response(body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 200 OK\r\ncontent-type: application/graphql-response+json\r\ncontent-length: {len(body)}\r\n\r\n"
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


def sniffio_installed() -> bool:
    import importlib.util

    module = sys.modules.get("sniffio")
    return (module is not None and not getattr(module, "_tongban_bench_stub", False)) or (
        module is None and importlib.util.find_spec("sniffio") is not None
    )


@contextlib.contextmanager
def sniffio_available():
    """Make `import sniffio` succeed for the duration (real package if installed, else a stand-in)."""
    if sniffio_installed():
        yield
        return
    import types

    stub = types.ModuleType("sniffio")
    stub._tongban_bench_stub = True  # type: ignore[attr-defined]

    def current_async_library() -> str:
        asyncio.current_task()  # what sniffio does under asyncio: raises outside a running loop
        return "asyncio"

    stub.current_async_library = current_async_library  # type: ignore[attr-defined]
    sys.modules["sniffio"] = stub
    try:
        yield
    finally:
        if sys.modules.get("sniffio") is stub:
            del sys.modules["sniffio"]


def make_transport(name: str):
    if name == "aiohttp":
        from gateway.executors.http_aiohttp import AiohttpTransport

        return AiohttpTransport()
    if name in ("httpx", "httpx+sniffio"):
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
    k = max(0, min(len(sorted_ns) - 1, round(q / 100 * len(sorted_ns) + 0.5) - 1))
    return sorted_ns[k] / 1e6


async def run_cell(
    name: str, port: int, payload: str, concurrency: int, n: int, warmup: int, max_seconds: float
) -> dict[str, Any]:
    from gateway.executors.transport import SubgraphRequest

    request = SubgraphRequest(
        subgraph="products",
        url=f"http://127.0.0.1:{port}/{payload}",
        query=QUERY,
        variables={"first": 10},
        operation_name="Products",
    )
    stack = contextlib.ExitStack()
    if name == "httpx+sniffio":
        stack.enter_context(sniffio_available())
    transport = make_transport(name)
    try:
        # Warm-up: open `concurrency` keep-alive connections and warm caches; not measured.
        await _drive(transport, request, max(warmup, 2 * concurrency), concurrency, time.perf_counter() + 2, None)
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
        stack.close()
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
        origin = "Debian system build"
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
        "sniffio_installed": sniffio_installed(),
    }


def decode_floor() -> dict[str, float]:
    """CPU µs of the work every transport shares per request: encode the body, decode the answer."""
    import orjson

    from gateway.executors.http import decode_graphql_response
    from gateway.executors.transport import SubgraphRequest

    request = SubgraphRequest("products", "http://x/", QUERY, {"first": 10}, "Products")
    floor = {}
    for payload, body in BODIES.items():
        rounds = 300
        t0 = time.process_time()
        for _ in range(rounds):
            orjson.dumps(request.body())
            decode_graphql_response("products", 200, body)
        floor[payload] = (time.process_time() - t0) / rounds * 1e6
    return floor


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
        "decode_floor_us": decode_floor(),
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
        "| body | in flight | transport | requests | req/s | p50 ms | p95 ms | p99 ms | CPU µs/req | CPU vs aiohttp |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        base = cpu.get((r["payload"], r["concurrency"], "aiohttp"))
        ratio = f"{r['cpu_us_per_req'] / base:.2f}x" if base else "-"
        flag = " (time cap)" if r["truncated_by_time"] else ""
        lines.append(
            f"| {r['payload']} | {r['concurrency']} | {r['transport']} | {r['requests']:,}{flag} | {r['rps']:,.0f} |"
            f" {r['p50_ms']:.3f} |"
            f" {r['p95_ms']:.3f} | {r['p99_ms']:.3f} | {r['cpu_us_per_req']:,.0f} | {ratio} |"
        )
    return "\n".join(lines)


def compare(rows: list[dict[str, Any]], other: str) -> dict[str, float] | None:
    """CPU-per-request of ``other`` against aiohttp over all cells: ratio and µs difference ranges."""
    by = {(r["payload"], r["concurrency"], r["transport"]): r for r in rows}
    pairs = [(r, by[(p, c, "aiohttp")]) for (p, c, name), r in by.items() if name == other and (p, c, "aiohttp") in by]
    if not pairs:
        return None
    ratios = [o["cpu_us_per_req"] / a["cpu_us_per_req"] for o, a in pairs]
    deltas = [o["cpu_us_per_req"] - a["cpu_us_per_req"] for o, a in pairs]
    return {"min": min(ratios), "max": max(ratios), "dmin": min(deltas), "dmax": max(deltas)}


def describe(other: str, c: dict[str, float] | None) -> str:
    if c is None:
        return f"{other}: not measured"
    if c["min"] > 1:
        return (
            f"{other} costs {c['min']:.2f}x-{c['max']:.2f}x aiohttp's client CPU per request"
            f" (+{c['dmin']:,.0f} to +{c['dmax']:,.0f} µs/request)"
        )
    if c["max"] < 1:
        return (
            f"{other} costs {c['min']:.2f}x-{c['max']:.2f}x aiohttp's client CPU per request"
            f" ({c['dmin']:,.0f} to {c['dmax']:,.0f} µs/request): cheaper in every cell"
        )
    return f"{other} vs aiohttp CPU per request: mixed, {c['min']:.2f}x-{c['max']:.2f}x depending on the cell"


def conclusion(rows: list[dict[str, Any]]) -> str:
    return "; ".join(describe(other, compare(rows, other)) for other in TRANSPORTS if other != "aiohttp")


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
        f"- Per cell: {args.warmup} warm-up requests (not measured; at least 2x the concurrency), then"
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
        verdict = conclusion(rows)
        verdicts.append((info, rows))
        build = (
            f"CONFIG_ARGS has --enable-optimizations: {'yes' if info['configure_pgo'] else 'no'},"
            f" --with-lto: {'yes' if info['configure_lto'] else 'no'}; OPT `{info['opt']}`"
        )
        if info["origin"].startswith("Debian"):
            build += "; Debian builds python3.11 with PGO and LTO through its packaging rules, not CONFIG_ARGS"
        elif info["origin"] == "pyenv build" and not info["configure_pgo"]:
            build += "; pyenv's default build is without PGO/LTO"
        out += [
            f"### Python {info['version']} — {info['origin']}",
            "",
            f"`{info['executable']}` → `{info['realpath']}` ({info['build']}; {build}).",
            f"aiohttp {info['aiohttp']} (C parser: {'yes' if info['aiohttp_c_parser'] else 'no'}),"
            f" httpx {info['httpx']} / httpcore {info['httpcore']}, uvloop {info['uvloop']}, orjson {info['orjson']};"
            f" sniffio installed: {'yes' if info['sniffio_installed'] else 'no'}."
            f" Pinned: client CPU {run['pinned']['client_cpu']}, server CPU {run['pinned']['server_cpu']}."
            f" Wall time of this run: {run['elapsed_s']:.0f} s.",
            "Shared floor (orjson encode of the request + `decode_graphql_response` of the answer, no I/O): "
            + ", ".join(f"{p} {us:,.0f} µs" for p, us in run["decode_floor_us"].items())
            + " per request; the rest of CPU µs/req is the transport itself.",
            "",
            table(rows),
            "",
            f"Result: {verdict}.",
            "",
        ]
    out += ["### Conclusion", ""]
    installed = [compare(rows, "httpx") for _, rows in verdicts]
    fixed = [compare(rows, "httpx+sniffio") for _, rows in verdicts]
    if installed and all(c and c["min"] > 1 for c in installed):
        lo = min(c["min"] for c in installed if c)
        hi = max(c["max"] for c in installed if c)
        line = (
            "**aiohttp is the faster hot-path default**: on every interpreter, body size and concurrency level"
            f" measured, HttpxTransport needs {lo:.2f}x-{hi:.2f}x the client CPU per request"
        )
        if fixed and all(c and c["min"] > 1 for c in fixed):
            line += (
                f", and still {min(c['min'] for c in fixed if c):.2f}x-{max(c['max'] for c in fixed if c):.2f}x"
                " when `sniffio` is importable"
            )
        out.append(line + ".")
    elif installed and all(c and c["max"] < 1 for c in installed):
        out.append("**httpx is the faster hot-path default** on every interpreter, body size and concurrency measured.")
    else:
        out.append("Mixed result: neither transport is cheaper in every cell; see the tables.")
    for info, rows in verdicts:
        out.append(f"- Python {info['version']} ({info['origin']}): {conclusion(rows)}.")
    if len(verdicts) >= 2:
        (info0, rows0), (info1, rows1) = verdicts[0], verdicts[1]
        cpu0 = {(r["payload"], r["concurrency"], r["transport"]): r["cpu_us_per_req"] for r in rows0}
        for name in TRANSPORTS:
            ratios = [
                r["cpu_us_per_req"] / cpu0[key]
                for r in rows1
                if r["transport"] == name and (key := (r["payload"], r["concurrency"], name)) in cpu0
            ]
            if ratios:
                out.append(
                    f"- Interpreters, {name}: Python {info1['version']} ({info1['origin']}) uses"
                    f" {statistics.median(ratios):.2f}x (median; range {min(ratios):.2f}x-{max(ratios):.2f}x) the"
                    f" CPU per request of Python {info0['version']} ({info0['origin']})."
                )
    out += [
        "",
        "Noise: this is a shared 2-vCPU KVM guest; single cells vary by up to about 30 % between runs"
        " (rerun with `--repeats 3` for medians). Ratios near 1x are within noise; the large ones are not.",
    ]
    out.append("")
    return "\n".join(out)


def write_results(section: str) -> None:
    header = "# Benchmark results\n\nRecorded by the scripts in benchmarks/ (see README.md there).\n"
    text = RESULTS.read_text() if RESULTS.exists() else header
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
        print(f"\nResult: {conclusion(aggregate(run['cells']))}.")
    if not args.no_write:
        section = render_section(machine, runs, args)
        write_results(section)
        print(f"\nwrote section '{SECTION_TITLE}' to {RESULTS.relative_to(REPO)}", file=sys.stderr)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per cell (default 3000)")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured warm-up requests per cell (default 200)")
    parser.add_argument("--max-seconds", type=float, default=4.0, help="wall-clock cap per cell (default 4)")
    parser.add_argument("--repeats", type=int, default=1, help="repeats per cell, median reported (default 1)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=list(DEFAULT_CONCURRENCY))
    parser.add_argument("--payloads", nargs="+", choices=PAYLOADS, default=list(PAYLOADS))
    parser.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin client/server to CPUs")
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="PATH",
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
    exe = Path(sys.executable)
    shown = str(exe.relative_to(REPO)) if exe.is_relative_to(REPO) else sys.executable
    args.command_line = " ".join([shown, "benchmarks/transport_bench.py", *argv])
    parent_main(args, forward)


if __name__ == "__main__":
    main()
