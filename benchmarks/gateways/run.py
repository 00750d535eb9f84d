"""Tongban side by side with the Node gateways on the graphql-gateways-benchmark scenario.

One command starts the four benchmark subgraphs (one Node process, ``subgraphs/server.mjs``),
then, for each gateway in turn, starts it on the same supergraph, checks its answer to the
benchmark query against ``expected.json`` and drives it with wrk at constant load::

    python benchmarks/gateways/run.py [--duration 20] [--connections 50]
        [--gateways tongban,tongban-dedup,apollo,hive,hive-dedup]
        [--curves size,subgraphs,workers,overhead] [--curve-duration 4] [--no-write]

Gateways (``--gateways``):

* ``tongban``        ``tongban serve`` with ``traffic.dedupe_inbound: false`` (every client
                     request executes), ``--workers`` = CPUs when the CLI has the flag;
* ``tongban-dedup``  the same with Tongban's inbound in-flight deduplication on;
* ``tongban-httpx``  as ``tongban`` with ``transport.kind: httpx`` (transport comparison);
* ``apollo``         Apollo Gateway (@apollo/gateway) in Apollo Server (@apollo/server);
* ``hive``           Hive Gateway (@graphql-hive/gateway), inbound dedup off (its default);
* ``hive-dedup``     Hive Gateway with ``inboundInflightRequestDeduplication: true``.

Per gateway: RPS, p50/p95/p99 latency, gateway CPU ms per request (utime+stime of the
gateway's process tree from /proc, before/after, divided by requests), peak RSS of the tree,
subgraph requests per client request (the subgraph server's counters). Then the subgraphs
alone (the ceiling): ``direct-accounts.json`` against the subgraph server, and the subgraph
requests of one client query replayed round-robin. ``--curves`` adds short scale curves
(response size, subgraphs in the plan, worker processes, low-concurrency overhead).

Results: sections "Gateways side by side" and "Gateway scale curves" of
benchmarks/RESULTS.md (rewritten in place), raw JSON and process logs under var/bench/.
Loopback only, bounded duration; every process started here is stopped on exit, error or
Ctrl-C. Needs node/npm (Debian: ``apt-get install nodejs npm``) and wrk (``apt-get install wrk``);
``npm ci`` runs into benchmarks/gateways/node_modules when that is missing. Standard library
only: any python3 runs this script; Tongban itself runs with the project's ``.venv``.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime
import hashlib
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
REPO = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
MAIN_TITLE = "Gateways side by side"
CURVES_TITLE = "Gateway scale curves"
DEFAULT_DATA = REPO.parent / "shared" / "gateways-benchmark"
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
VENV_TONGBAN = REPO / ".venv" / "bin" / "tongban"
CLK_TCK = os.sysconf("SC_CLK_TCK")
ALL_GATEWAYS = ("tongban", "tongban-dedup", "tongban-httpx", "apollo", "hive", "hive-dedup")
DEFAULT_GATEWAYS = "tongban,tongban-dedup,apollo,hive,hive-dedup"
LABELS = {
    "tongban": "Tongban",
    "tongban-dedup": "Tongban, inbound dedup",
    "tongban-httpx": "Tongban, httpx transport",
    "apollo": "Apollo Gateway",
    "hive": "Hive Gateway",
    "hive-dedup": "Hive Gateway, inbound dedup",
}
SUBGRAPHS = ("accounts", "inventory", "products", "reviews")
NPM_PACKAGES = ("@apollo/gateway", "@apollo/server", "@apollo/subgraph", "@graphql-hive/gateway", "graphql")

SIZE_QUERY = "query Size($n: Int) { topProducts(first: $n) { upc name price weight inStock } }"
SUBGRAPH_QUERIES = {  # subgraphs in the plan -> query
    1: "query One { users { id username name } }",
    2: "query Two { topProducts { upc name price inStock } }",
    3: "query Three { topProducts { upc name inStock reviews { id body } } }",
    4: "query Four { topProducts { upc name inStock reviews { id body author { id name } } } }",
}
OVERHEAD_QUERY = "query TestQuery__accounts__0 { users { __typename id username name } }"


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------
# Processes: each started in its own session, stopped by its own process group id.

_started: list[Proc] = []


class Proc:
    def __init__(self, name: str, cmd: list[str], *, cwd: Path, env: dict[str, str], logdir: Path) -> None:
        self.name = name
        self.cmd = cmd
        self.log_path = logdir / f"{name}.log"
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.log_file.write(f"$ {shlex.join(cmd)}\n")
        self.log_file.flush()
        self.popen = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid = self.popen.pid
        _started.append(self)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self in _started:
            _started.remove(self)
        if self.alive():
            for sig, wait in ((signal.SIGTERM, 8.0), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(self.pid, sig)  # the group this script created for this process
                except ProcessLookupError:
                    break
                try:
                    self.popen.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        # workers left in the group after the leader exited
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self.log_file.close()


def stop_all() -> None:
    for proc in list(reversed(_started)):
        proc.stop()


def _on_signal(signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


# ------------------------------------------------------------------------------------------
# /proc: CPU time and RSS of a process tree.


def tree_pids(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, ()))
    return pids


def tree_cpu_seconds(root: int) -> float:
    ticks = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLK_TCK


def tree_rss_bytes(root: int) -> int:
    total = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


class RssSampler(threading.Thread):
    """Samples the RSS of a process tree every 100 ms; ``peak`` is the largest sum seen."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self._halt = root, 0, threading.Event()
        self.start()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.root))
            self._halt.wait(0.1)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


# ------------------------------------------------------------------------------------------
# HTTP helpers (loopback only).


def http_request(
    port: int, method: str, path: str, body: bytes | None = None, timeout: float = 30.0
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"content-type": "application/json", "accept": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def canonical(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def first_difference(got: Any, want: Any, path: str = "") -> str:
    if type(got) is not type(want):
        return f"{path or '<root>'}: got {canonical(got)[:80]}, expected {canonical(want)[:80]}"
    if isinstance(want, dict):
        if list(got) != list(want):
            if set(got) == set(want):
                return f"{path or '<root>'}: keys in order {list(got)}, expected {list(want)}"
            return f"{path or '<root>'}: keys {sorted(got)}, expected {sorted(want)}"
        for key in want:
            diff = first_difference(got[key], want[key], f"{path}.{key}")
            if diff:
                return diff
        return ""
    if isinstance(want, list):
        if len(got) != len(want):
            return f"{path}: {len(got)} items, expected {len(want)}"
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            diff = first_difference(g, w, f"{path}[{i}]")
            if diff:
                return diff
        return ""
    return "" if got == want else f"{path}: got {canonical(got)[:80]}, expected {canonical(want)[:80]}"


def check_response(status: int, body: bytes, expected: Any) -> str:
    """'' when the answer equals ``expected`` after JSON normalisation, else the reason."""
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}"
    try:
        got = json.loads(body)
    except ValueError:
        return f"not JSON: {body[:200]!r}"
    if canonical(got) == canonical(expected):
        return ""
    return "differs from expected: " + (first_difference(got, expected) or "(same after key sort)")


# ------------------------------------------------------------------------------------------
# Subgraph server.


class Subgraphs:
    def __init__(self, port: int, data: Path, logdir: Path, *, execute: bool = False) -> None:
        self.port = port
        env = dict(os.environ, NODE_ENV="production")
        cmd = [
            "node",
            str(HERE / "subgraphs" / "server.mjs"),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--data",
            str(data),
            *(["--execute"] if execute else []),
        ]
        self.proc = Proc("subgraphs", cmd, cwd=HERE, env=env, logdir=logdir)
        deadline = time.monotonic() + 30
        while True:
            if not self.proc.alive():
                raise BenchError(f"the subgraph server exited:\n{self.proc.log_tail()}")
            try:
                if http_request(port, "GET", "/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise BenchError(f"the subgraph server did not answer /health in 30 s:\n{self.proc.log_tail()}")
            time.sleep(0.2)

    def stats(self) -> dict[str, int]:
        return json.loads(http_request(self.port, "GET", "/__stats")[2])

    def reset(self) -> None:
        http_request(self.port, "POST", "/__reset", b"")

    def record(self) -> None:
        http_request(self.port, "POST", "/__record", b"")

    def recorded(self) -> list[dict[str, str]]:
        return json.loads(http_request(self.port, "GET", "/__recorded")[2])

    def cpu(self) -> float:
        return tree_cpu_seconds(self.proc.pid)


# ------------------------------------------------------------------------------------------
# wrk.

_LUA_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"mean_us":%.1f,"max_us":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p95_us":%d,"p99_us":%d}\n', summary.requests, summary.duration, summary.bytes, e.connect, e.read,
    e.write, e.status, e.timeout, latency.mean, latency.max, latency:percentile(50),
    latency:percentile(90), latency:percentile(95), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def write_lua(workdir: Path, name: str, requests: list[tuple[str, bytes]]) -> Path:
    """A wrk script POSTing ``requests`` (path, body), one by one round-robin."""
    files = []
    for i, (path, body) in enumerate(requests):
        body_file = workdir / f"{name}-{i}.json"
        body_file.write_bytes(body)
        files.append((path, str(body_file)))
    lines = [
        'local function slurp(p) local f = assert(io.open(p, "rb")); local s = f:read("*a"); f:close(); return s end'
    ]
    if len(files) == 1:
        lines += [
            'wrk.method = "POST"',
            'wrk.headers["Content-Type"] = "application/json"',
            f"wrk.body = slurp({lua_string(files[0][1])})",
        ]
    else:
        specs = ", ".join(f"{{{lua_string(p)}, {lua_string(f)}}}" for p, f in files)
        lines += [
            f"local specs = {{{specs}}}",
            "local reqs = {}",
            "local i = 0",
            "init = function(args)",
            '  local headers = {["Content-Type"] = "application/json"}',
            '  for k, s in ipairs(specs) do reqs[k] = wrk.format("POST", s[1], headers, slurp(s[2])) end',
            "end",
            "request = function() i = i % #reqs + 1; return reqs[i] end",
        ]
    script = workdir / f"{name}.lua"
    script.write_text("\n".join(lines) + "\n" + _LUA_DONE)
    return script


def run_wrk(url: str, script: Path, duration: float, connections: int, threads: int) -> dict[str, Any]:
    threads = max(1, min(threads, connections))
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(duration))}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 90)
    for line in out.stdout.splitlines():
        if line.startswith("WRKJSON "):
            result = json.loads(line[8:])
            seconds = result["duration_us"] / 1e6
            result["rps"] = result["requests"] / seconds if seconds else 0.0
            result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
            return result
    raise BenchError(f"wrk gave no result (exit {out.returncode}): {out.stderr.strip() or out.stdout.strip()}")


def wait_quiet(subgraphs: Subgraphs, gateway: Proc | None, limit: float = 60.0) -> None:
    """Until the gateway has finished the requests wrk abandoned: no subgraph request and
    (almost) no gateway CPU for 0.5 s."""
    deadline = time.monotonic() + limit
    last_total, last_cpu = subgraphs.stats()["total"], tree_cpu_seconds(gateway.pid) if gateway else 0.0
    while time.monotonic() < deadline:
        time.sleep(0.5)
        total, cpu = subgraphs.stats()["total"], tree_cpu_seconds(gateway.pid) if gateway else 0.0
        if total == last_total and cpu - last_cpu < 0.05:
            return
        last_total, last_cpu = total, cpu


def measure(
    url: str,
    script: Path,
    *,
    duration: float,
    warmup: float,
    connections: int,
    threads: int,
    gateway: Proc | None,
    subgraphs: Subgraphs,
) -> dict[str, Any]:
    """Warm-up, then one measured wrk run, with CPU time and subgraph counters taken while
    the gateway is idle before and after it.

    wrk keeps one request in flight per connection and abandons those when it stops; the
    gateway still executes them. Work is therefore divided by the requests the gateway
    served in the window: wrk's completed requests plus one per connection.
    """
    if warmup > 0:
        run_wrk(url, script, warmup, connections, threads)
    wait_quiet(subgraphs, gateway)
    subgraphs.reset()
    cpu0 = tree_cpu_seconds(gateway.pid) if gateway else 0.0
    sub0 = subgraphs.cpu()
    result = run_wrk(url, script, duration, connections, threads)
    cpu_end = tree_cpu_seconds(gateway.pid) if gateway else 0.0
    wait_quiet(subgraphs, gateway)
    cpu1 = tree_cpu_seconds(gateway.pid) if gateway else 0.0
    sub1 = subgraphs.cpu()
    stats = subgraphs.stats()
    served = result["requests"] + connections
    seconds = result["duration_us"] / 1e6
    result["served"] = served
    result["gateway_cpu_ms_per_req"] = (cpu1 - cpu0) * 1000 / served if gateway else None
    result["gateway_cpu_cores"] = (cpu_end - cpu0) / seconds if gateway else None
    result["subgraph_cpu_ms_per_req"] = (sub1 - sub0) * 1000 / served
    result["subgraph_requests"] = stats
    result["subgraph_req_per_req"] = stats["total"] / served
    result["bytes_per_response"] = result["bytes"] / max(result["requests"], 1)
    if result["requests"] == 0:
        result["problem"] = f"no request completed in {duration:g} s"
    return result


# ------------------------------------------------------------------------------------------
# Gateways.


def tongban_help() -> str:
    try:
        return subprocess.run([str(VENV_TONGBAN), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


class Gateway:
    """One gateway under test: start, wait until it answers, stop."""

    def __init__(
        self,
        kind: str,
        *,
        supergraph: Path,
        port: int,
        workdir: Path,
        logdir: Path,
        opts: argparse.Namespace,
        workers: int | None = None,
        tag: str = "",
    ) -> None:
        self.kind, self.port = kind, port
        self.url = f"http://127.0.0.1:{port}/graphql"
        self.workers = 1
        self.describe = ""
        self.fingerprint = ""
        node_env = dict(os.environ, NODE_ENV="production")
        if kind.startswith("tongban"):
            if not VENV_TONGBAN.exists():
                raise BenchError(f"{VENV_TONGBAN} is missing: run ./run (it creates .venv) first")
            config = {"traffic": {"dedupe_inbound": kind == "tongban-dedup"}}
            if kind == "tongban-httpx":
                config["transport"] = {"kind": "httpx"}
            config_path = workdir / f"tongban-{kind}{tag}.yaml"
            config_path.write_text(json.dumps(config) + "\n")  # JSON is YAML
            cmd = [
                str(VENV_TONGBAN),
                "serve",
                "--supergraph",
                str(supergraph),
                "--config",
                str(config_path),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ]
            if opts.tongban_workers_flag:
                self.workers = workers or opts.tongban_workers
                cmd += ["--workers", str(self.workers)]
            flag = f" --workers {self.workers}" if opts.tongban_workers_flag else ""
            self.fingerprint = code_fingerprint()
            self.describe = f"`tongban serve{flag}`, config `{json.dumps(config)}`, code {self.fingerprint}"
            env = dict(os.environ)
            env.pop("PYTHONPATH", None)
            self.proc = Proc(f"{kind}{tag}", cmd, cwd=REPO, env=env, logdir=logdir)
        elif kind == "apollo":
            cmd = [
                "node",
                str(HERE / "competitors" / "apollo.mjs"),
                "--supergraph",
                str(supergraph),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            self.describe = (
                "`node competitors/apollo.mjs` (ApolloGateway in startStandaloneServer), NODE_ENV=production"
            )
            self.proc = Proc(f"{kind}{tag}", cmd, cwd=HERE, env=node_env, logdir=logdir)
        elif kind in ("hive", "hive-dedup"):
            self.workers = workers or 1
            config = HERE / "competitors" / ("hive-dedup.config.mjs" if kind == "hive-dedup" else "hive.config.mjs")
            bin_js = HERE / "node_modules" / "@graphql-hive" / "gateway" / "dist" / "bin.js"
            cmd = [
                "node",
                str(bin_js),
                "--config-path",
                str(config),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--fork",
                str(self.workers),
                "--disable-websockets",
            ]
            if opts.hive_jit:
                cmd.append("--jit")
            cmd += ["supergraph", str(supergraph)]
            jit = " --jit" if opts.hive_jit else ""
            self.describe = (
                f"`hive-gateway supergraph{jit} --fork {self.workers}` with `{config.name}`, NODE_ENV=production"
            )
            self.proc = Proc(f"{kind}{tag}", cmd, cwd=HERE, env=node_env, logdir=logdir)
        else:
            raise BenchError(f"unknown gateway {kind!r}")

    def wait_ready(self, timeout: float = 90.0) -> float:
        start = time.monotonic()
        body = b'{"query":"{ __typename }"}'
        while True:
            if not self.proc.alive():
                raise BenchError(
                    f"{self.kind} exited during start-up (log {self.proc.log_path}):\n{self.proc.log_tail()}"
                )
            try:
                status, _, _ = http_request(self.port, "POST", "/graphql", body, timeout=5)
                if status == 200:
                    return time.monotonic() - start
            except OSError:
                pass
            if time.monotonic() - start > timeout:
                raise BenchError(
                    f"{self.kind} did not answer in {timeout:.0f} s (log {self.proc.log_path}):\n{self.proc.log_tail()}"
                )
            time.sleep(0.25)

    def post(self, body: bytes, timeout: float = 60.0) -> tuple[int, dict[str, str], bytes]:
        return http_request(self.port, "POST", "/graphql", body, timeout=timeout)

    def stop(self) -> None:
        self.proc.stop()


# ------------------------------------------------------------------------------------------
# Environment: tools, versions, machine.


def ensure_tools(opts: argparse.Namespace) -> None:
    missing = [tool for tool in ("node", "npm", "wrk") if shutil.which(tool) is None]
    if missing:
        raise BenchError(
            f"missing {', '.join(missing)}: install with `apt-get update && apt-get install -y "
            + " ".join(dict.fromkeys("nodejs npm" if t in ("node", "npm") else t for t in missing))
            + "`"
        )
    if not (HERE / "node_modules" / ".package-lock.json").exists() or opts.npm_install:
        command = ["npm", "ci"] if (HERE / "package-lock.json").exists() else ["npm", "install"]
        log(f"installing the Node packages: {' '.join(command)} (in {HERE})")
        result = subprocess.run(
            [*command, "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True, timeout=900
        )
        if result.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")


def npm_versions() -> dict[str, str]:
    versions = {}
    for name in NPM_PACKAGES:
        try:
            versions[name] = json.loads((HERE / "node_modules" / name / "package.json").read_text())["version"]
        except (OSError, ValueError, KeyError):
            versions[name] = "?"
    return versions


def command_output(cmd: list[str], cwd: Path | None = None) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=cwd)
        return (out.stdout or out.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def tongban_interpreter() -> dict[str, str]:
    code = (
        "import json, os, sys, sysconfig; "
        "args = sysconfig.get_config_var('CONFIG_ARGS') or ''; "
        "print(json.dumps({'path': sys.executable, 'real': os.path.realpath(sys.executable), "
        "'version': sys.version.split()[0], 'build': ' '.join(sys.version.split()[1:]), "
        "'optimizations': '--enable-optimizations' in args, 'lto': '--with-lto' in args}))"
    )
    try:
        info = json.loads(command_output([str(VENV_PYTHON), "-c", code]))
    except ValueError:
        return {
            "path": str(VENV_PYTHON),
            "real": "?",
            "version": "?",
            "build": "",
            "optimizations": False,
            "lto": False,
        }
    real = info["real"]
    info["kind"] = (
        "pyenv build" if ".pyenv" in real else "Debian system build" if real.startswith("/usr/bin/") else "other build"
    )
    return info


def machine_info() -> dict[str, Any]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "kernel": f"{platform.system()} {platform.release()}",
        "memory": mem,
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "node": command_output(["node", "--version"]),
        "wrk": command_output(["wrk", "--version"]).splitlines()[0] if shutil.which("wrk") else "?",
        "tongban_commit": command_output(["git", "rev-parse", "--short", "HEAD"], cwd=REPO),
        "tongban_code": code_fingerprint(),
        "tongban_dirty": bool(
            command_output(["git", "status", "--porcelain", "--", "gateway", "pyproject.toml"], cwd=REPO)
        ),
    }


def code_fingerprint() -> str:
    """A short hash of Tongban's code as it is on disk now (gateway/ and pyproject.toml, uncommitted
    changes included): rows measured from different code states show different fingerprints."""
    digest = hashlib.sha1()
    for path in sorted([*(REPO / "gateway").rglob("*.py"), REPO / "pyproject.toml"]):
        with contextlib.suppress(OSError):
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


def rewrite_supergraph(source: Path, target: Path, port: int) -> None:
    text = source.read_text()
    text, count = re.subn(
        r'url: "http://[^"/]+/(accounts|inventory|products|reviews)"', rf'url: "http://127.0.0.1:{port}/\1"', text
    )
    if count != 4:
        raise BenchError(f"{source}: expected 4 subgraph URLs to rewrite, found {count}")
    target.write_text(text)


# ------------------------------------------------------------------------------------------
# The runs.


class Context:
    def __init__(
        self, opts: argparse.Namespace, workdir: Path, logdir: Path, subgraphs: Subgraphs, supergraph: Path
    ) -> None:
        self.opts, self.workdir, self.logdir, self.subgraphs, self.supergraph = (
            opts,
            workdir,
            logdir,
            subgraphs,
            supergraph,
        )
        self.port = opts.port

    def start(self, kind: str, *, workers: int | None = None, tag: str = "") -> tuple[Gateway, RssSampler, float]:
        if not port_free(self.port):
            raise BenchError(f"port {self.port} is taken on 127.0.0.1; pass --port")
        gateway = Gateway(
            kind,
            supergraph=self.supergraph,
            port=self.port,
            workdir=self.workdir,
            logdir=self.logdir,
            opts=self.opts,
            workers=workers,
            tag=tag,
        )
        sampler = RssSampler(gateway.proc.pid)
        try:
            startup = gateway.wait_ready()
        except BaseException:
            sampler.stop()
            gateway.stop()
            raise
        return gateway, sampler, startup

    def check_once(self, gateway: Gateway, body: bytes) -> tuple[int, bytes, list[dict[str, str]]]:
        """One request, with the subgraph requests it caused."""
        self.subgraphs.reset()
        self.subgraphs.record()
        status, _, answer = gateway.post(body)
        time.sleep(0.05)
        return status, answer, self.subgraphs.recorded()


def run_main(
    ctx: Context, kinds: list[str], body: bytes, expected: Any
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, str]]]]:
    opts = ctx.opts
    script = write_lua(ctx.workdir, "benchmark", [("/graphql", body)])
    rows, captured = [], {}
    for kind in kinds:
        row: dict[str, Any] = {"gateway": kind, "loadavg_before": os.getloadavg()[0]}
        rows.append(row)
        log(f"{kind}: starting")
        try:
            gateway, sampler, startup = ctx.start(kind)
        except BenchError as error:
            row["problem"] = f"did not start: {error}"
            log(row["problem"])
            continue
        try:
            row.update(workers=gateway.workers, describe=gateway.describe, startup_s=startup)
            if gateway.fingerprint:
                row["code"] = gateway.fingerprint
            status, answer, recorded = ctx.check_once(gateway, body)
            row["check"] = check_response(status, answer, expected)
            row["single_subgraph_requests"] = len(recorded)
            captured[kind] = recorded
            if row["check"]:
                row["problem"] = f"response check failed, not measured: {row['check']}"
                log(f"{kind}: {row['problem']}")
                continue
            log(
                f"{kind}: response OK ({len(answer):,} bytes, {len(recorded)} subgraph requests); "
                f"warm-up {opts.warmup:g} s, measuring {opts.duration:g} s"
            )
            row.update(
                measure(
                    gateway.url,
                    script,
                    duration=opts.duration,
                    warmup=opts.warmup,
                    connections=opts.connections,
                    threads=opts.threads,
                    gateway=gateway.proc,
                    subgraphs=ctx.subgraphs,
                )
            )
            status, answer, _ = ctx.check_once(gateway, body)
            row["check_after"] = check_response(status, answer, expected)
            log(
                f"{kind}: {_point_summary(row)}, CPU {row['gateway_cpu_ms_per_req']:.2f} ms/req, errors {row['errors']}"
            )
        except BenchError as error:
            row["problem"] = str(error)
            log(f"{kind}: {error}")
        finally:
            row["peak_rss"] = sampler.stop()
            gateway.stop()
    return rows, captured


def run_ceiling(ctx: Context, data: Path, captured: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    opts = ctx.opts
    out: dict[str, Any] = {}
    direct = (data / "direct-accounts.json").read_bytes()
    url = f"http://127.0.0.1:{ctx.subgraphs.port}"
    log(f"subgraphs alone: direct-accounts.json, {opts.ceiling_duration:g} s")
    script = write_lua(ctx.workdir, "direct", [("/accounts", direct)])
    out["direct"] = measure(
        url + "/accounts",
        script,
        duration=opts.ceiling_duration,
        warmup=min(opts.warmup, 2),
        connections=opts.connections,
        threads=opts.threads,
        gateway=None,
        subgraphs=ctx.subgraphs,
    )
    source = next((k for k in ("hive", "tongban", "hive-dedup", "tongban-dedup", "apollo") if captured.get(k)), None)
    if source:
        recorded = captured[source]
        log(
            f"subgraphs alone: the {len(recorded)} subgraph requests of one client query (as {source} sends them), "
            f"{opts.ceiling_duration:g} s"
        )
        script = write_lua(ctx.workdir, "set", [(r["path"], r["body"].encode()) for r in recorded])
        result = measure(
            url + recorded[0]["path"],
            script,
            duration=opts.ceiling_duration,
            warmup=min(opts.warmup, 2),
            connections=opts.connections,
            threads=opts.threads,
            gateway=None,
            subgraphs=ctx.subgraphs,
        )
        result.update(
            source=source,
            set_size=len(recorded),
            sets_per_s=result["rps"] / len(recorded),
            paths=[r["path"] for r in recorded],
        )
        out["set"] = result
    return out


def curve_point(
    ctx: Context,
    gateway: Gateway,
    name: str,
    body: bytes,
    *,
    connections: int | None = None,
    duration: float | None = None,
) -> dict[str, Any]:
    opts = ctx.opts
    status, answer, recorded = ctx.check_once(gateway, body)
    point: dict[str, Any] = {
        "code": gateway.fingerprint,
        "single_subgraph_requests": len(recorded),
        "subgraphs_in_plan": len({r["path"] for r in recorded}),
        "response_bytes": len(answer),
    }
    try:
        parsed = json.loads(answer) if status == 200 else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.get("errors") or not parsed.get("data"):
        point["problem"] = f"HTTP {status}: {answer[:200]!r}"
        return point
    point["answer"] = canonical(parsed)
    script = write_lua(ctx.workdir, name, [("/graphql", body)])
    point.update(
        measure(
            gateway.url,
            script,
            duration=duration or opts.curve_duration,
            warmup=opts.curve_warmup,
            connections=connections or opts.connections,
            threads=opts.threads,
            gateway=gateway.proc,
            subgraphs=ctx.subgraphs,
        )
    )
    return point


def run_curves(ctx: Context, curves: list[str], body: bytes, expected: Any) -> dict[str, Any]:
    opts = ctx.opts
    out: dict[str, Any] = {"size": {}, "subgraphs": {}, "workers": {}, "overhead": {}}
    sizes = [int(x) for x in opts.sizes.split(",")]
    point_curves = [c for c in curves if c in ("size", "subgraphs", "overhead")]
    for kind in opts.curve_gateways if point_curves else []:
        log(f"curves {','.join(point_curves)} for {kind}: starting")
        try:
            gateway, sampler, _ = ctx.start(kind, tag="-curves")
        except BenchError as error:
            log(f"{kind}: {error}")
            for curve in point_curves:
                out[curve][kind] = {"problem": f"did not start: {error}"}
            continue
        try:
            if "size" in curves:
                out["size"][kind] = {}
                for n in sizes:
                    request = json.dumps({"query": SIZE_QUERY, "variables": {"n": n}}).encode()
                    point = curve_point(ctx, gateway, f"size-{n}", request, connections=opts.size_connections)
                    if "answer" in point:
                        entries = len(json.loads(point["answer"])["data"]["topProducts"] or ())
                        if entries != n:
                            point["problem"] = f"{entries} entries, expected {n}"
                    out["size"][kind][n] = point
                    log(f"  size {n}: {_point_summary(point)}")
            if "subgraphs" in curves:
                out["subgraphs"][kind] = {}
                for count, query in SUBGRAPH_QUERIES.items():
                    point = curve_point(ctx, gateway, f"subgraphs-{count}", json.dumps({"query": query}).encode())
                    out["subgraphs"][kind][count] = point
                    log(f"  {count} subgraph(s): {_point_summary(point)}")
            if "overhead" in curves:
                point = curve_point(
                    ctx, gateway, "overhead", json.dumps({"query": OVERHEAD_QUERY}).encode(), connections=1
                )
                out["overhead"][kind] = point
                log(f"  overhead (1 connection, one accounts fetch): {_point_summary(point)}")
        except BenchError as error:
            log(f"{kind}: {error}")
        finally:
            sampler.stop()
            gateway.stop()
    if "overhead" in curves:
        direct = json.dumps({"query": OVERHEAD_QUERY.replace("query TestQuery__accounts__0 ", "query ")}).encode()
        script = write_lua(ctx.workdir, "overhead-direct", [("/accounts", direct)])
        out["overhead"]["direct"] = measure(
            f"http://127.0.0.1:{ctx.subgraphs.port}/accounts",
            script,
            duration=opts.curve_duration,
            warmup=opts.curve_warmup,
            connections=1,
            threads=1,
            gateway=None,
            subgraphs=ctx.subgraphs,
        )
        log(f"  overhead, subgraph directly: {_point_summary(out['overhead']['direct'])}")
    if "workers" in curves:
        for kind in ("tongban", "hive"):
            if kind == "tongban" and not opts.tongban_workers_flag:
                out["workers"][kind] = {"problem": "`tongban serve` has no --workers option"}
                continue
            out["workers"][kind] = {}
            for count in range(1, opts.max_workers + 1):
                log(f"workers curve: {kind} with {count} worker(s)")
                out["workers"][kind][count] = point = workers_point(ctx, kind, count, body, expected)
                log(f"  {_point_summary(point)}")
    # every gateway must give the same answer at each curve point
    for curve in ("size", "subgraphs"):
        by_point: dict[Any, dict[str, str]] = {}
        for kind, points in out[curve].items():
            for key, point in points.items():
                if isinstance(point, dict) and "answer" in point:
                    by_point.setdefault(key, {})[kind] = point["answer"]
        for key, answers in by_point.items():
            reference = answers.get("apollo") or next(iter(answers.values()))
            for kind, answer in answers.items():
                if answer != reference:
                    out[curve][kind][key]["mismatch"] = "answer differs from " + (
                        "Apollo Gateway's" if "apollo" in answers else "the first gateway's"
                    )
        for points in out[curve].values():
            for point in points.values():
                if isinstance(point, dict):
                    point.pop("answer", None)
    for point in out["overhead"].values():
        point.pop("answer", None)
    return out


def workers_point(ctx: Context, kind: str, count: int, body: bytes, expected: Any) -> dict[str, Any]:
    opts = ctx.opts
    try:
        gateway, sampler, _ = ctx.start(kind, workers=count, tag=f"-w{count}")
    except BenchError as error:
        return {"problem": f"did not start: {error}"}
    point: dict[str, Any] = {"code": gateway.fingerprint}
    try:
        status, answer, _ = ctx.check_once(gateway, body)
        problem = check_response(status, answer, expected)
        if problem:
            point["problem"] = problem
        else:
            script = write_lua(ctx.workdir, f"workers-{kind}-{count}", [("/graphql", body)])
            point.update(
                measure(
                    gateway.url,
                    script,
                    duration=opts.curve_duration,
                    warmup=opts.curve_warmup,
                    connections=opts.connections,
                    threads=opts.threads,
                    gateway=gateway.proc,
                    subgraphs=ctx.subgraphs,
                )
            )
    except BenchError as error:
        point["problem"] = str(error)
    finally:
        point["peak_rss"] = sampler.stop()
        gateway.stop()
    return point


def measured(point: dict[str, Any] | None) -> bool:
    return bool(point) and "rps" in point and point.get("requests", 0) > 0


def _point_summary(point: dict[str, Any]) -> str:
    if not measured(point):
        return point.get("problem", "?")
    return (
        f"{point['rps']:,.1f} RPS, p50 {point['p50_us'] / 1000:.2f} ms, p95 {point['p95_us'] / 1000:.2f} ms, "
        f"{point['subgraph_req_per_req']:.2f} subgraph req/req"
    )


# ------------------------------------------------------------------------------------------
# RESULTS.md


def ms(us: float) -> str:
    return f"{us / 1000:,.1f}" if us >= 10_000 else f"{us / 1000:,.2f}"


def fmt_rps(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 100 else f"{rps:,.1f}"


def ratio(a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
    if not measured(a) or not measured(b):
        return "n/a (" + ("not measured" if not measured(a) else "baseline not measured") + ")"
    return f"{a['rps'] / b['rps']:.2f}x"


def md_row(*cells: Any) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


TEXT_COLUMNS = ("gateway", "path", "note", "errors")


def md_table(header: list[str], numeric_from: int) -> list[str]:
    """Header and alignment rows: numbers (columns from ``numeric_from`` on, but notes) right-aligned."""
    align = ["---" if i < numeric_from or name in TEXT_COLUMNS else "---:" for i, name in enumerate(header)]
    return [md_row(*header), "|" + "|".join(align) + "|"]


def _md(text: Any, limit: int = 300) -> str:
    return " ".join(str(text).replace("|", "\\|").split())[:limit]


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def interpreter_line(interp: dict[str, Any]) -> str:
    return (
        f"`{interp['path']}` → `{interp['real']}`, Python {interp['version']} ({interp.get('kind', '?')}; "
        f"CONFIG_ARGS --enable-optimizations: {yes_no(interp['optimizations'])}, --with-lto: {yes_no(interp['lto'])})"
    )


def setup_lines(meta: dict[str, Any]) -> list[str]:
    m, v, interp = meta["machine"], meta["npm"], meta["interpreter"]
    dirty = " plus uncommitted changes in gateway/" if m["tongban_dirty"] else ""
    jit = " with --jit (as in the public benchmark)" if meta["hive_jit"] else ""
    if meta["opts"].get("subgraphs_execute"):
        subgraph_mode = "graphql-js executes every request (--subgraphs-execute)."
    else:
        subgraph_mode = (
            "each distinct request body is executed once by graphql-js, then answered from memory "
            "(static data; keeps the subgraphs off the shared CPUs). The counters count every request."
        )
    return [
        f"- Machine: {m['nproc']} CPUs (nproc), `{m['cpu_model']}`, {m['memory']}, {m['kernel']}; "
        f"load average before the run {m['loadavg']}. Gateway, subgraph server and wrk share these CPUs "
        "(nothing pinned).",
        f"- Tongban: commit {m['tongban_commit']}{dirty} (code fingerprint {m.get('tongban_code', '?')} at the start); "
        f"interpreter {interpreter_line(interp)}.",
        f"- Competitors: Node {m['node']}, Apollo Gateway {v['@apollo/gateway']} in @apollo/server "
        f"{v['@apollo/server']}; Hive Gateway {v['@graphql-hive/gateway']}{jit}; graphql {v['graphql']}.",
        "- Subgraphs: one Node process (`benchmarks/gateways/subgraphs/server.mjs`: node:http, graphql-js, "
        f"@apollo/subgraph {v['@apollo/subgraph']}) serving accounts, inventory, products and reviews on one "
        f"loopback port; {subgraph_mode}",
        f"- Load: {m['wrk']}, {meta['threads']} thread(s), keep-alive, loopback.",
    ]


MAIN_HEADER = [
    "gateway",
    "processes",
    "requests",
    "RPS",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "gateway CPU ms/req",
    "gateway CPU cores",
    "peak RSS MB",
    "subgraph req / client req",
    "subgraph CPU ms/req",
    "errors",
]


def main_table(rows: list[dict[str, Any]]) -> list[str]:
    out = md_table(MAIN_HEADER, 1)
    for row in rows:
        label = LABELS.get(row["gateway"], row["gateway"])
        if not measured(row):
            out.append(md_row(label, row.get("workers", ""), *["—"] * 10, _md(row.get("problem", "?"))))
            continue
        errors = f"{row['errors']:,}"
        if row.get("check_after"):
            errors += f"; after the run: {_md(row['check_after'], 120)}"
        if row["bytes_per_response"] < 87_599:
            errors += f"; only {row['bytes_per_response']:,.0f} B/response"
        out.append(
            md_row(
                label,
                row["workers"],
                f"{row['requests']:,}",
                fmt_rps(row["rps"]),
                ms(row["p50_us"]),
                ms(row["p95_us"]),
                ms(row["p99_us"]),
                f"{row['gateway_cpu_ms_per_req']:.2f}",
                f"{row['gateway_cpu_cores']:.2f}",
                f"{row['peak_rss'] / 2**20:,.0f}",
                f"{row['subgraph_req_per_req']:.2f}",
                f"{row['subgraph_cpu_ms_per_req']:.2f}",
                errors,
            )
        )
    return out


def render_main(meta: dict[str, Any], rows: list[dict[str, Any]], ceiling: dict[str, Any]) -> str:
    opts = meta["opts"]
    by = {row["gateway"]: row for row in rows}
    out = [
        f"## {MAIN_TITLE}",
        "",
        f"Recorded {meta['date']} by `{meta['command']}` (wall time {meta['wall_s']:.0f} s). The public "
        "graphql-gateways-benchmark scenario: four subgraphs, its nested query (`body.json`), an 87,599-byte answer "
        "checked against `expected.json` (JSON-normalised, key order significant) before measuring; "
        f"{opts['connections']} connections at constant load, {opts['warmup']:g} s warm-up, then "
        f"{opts['duration']:g} s measured per gateway.",
        "",
        *setup_lines(meta),
        "- Columns: gateway CPU = utime+stime of the gateway's process tree (/proc) between idle points around the "
        "measured run ÷ requests served (wrk's completed requests + one in flight per connection when wrk stops); "
        "cores = gateway CPU during the run ÷ its seconds; peak RSS = largest sum of VmRSS over the tree, sampled "
        "every 100 ms from start-up to stop; subgraph req / client req = the subgraph server's counter over the same "
        "window ÷ requests served; subgraph CPU = the subgraph server's CPU ÷ requests served.",
        "",
        *main_table(rows),
        "",
    ]
    for row in rows:
        if "describe" not in row:
            continue
        line = (
            f"- {LABELS.get(row['gateway'], row['gateway'])}: {row['describe']}; ready after {row['startup_s']:.1f} s; "
            f"1-min load average before it {row['loadavg_before']:.2f}; one request alone sends "
            f"{row.get('single_subgraph_requests', '?')} subgraph requests"
        )
        if measured(row):
            line += f" ({_breakdown(row['subgraph_requests'], row['served'])} per client request under load)"
        out.append(line + ".")
    codes = {row["code"] for row in rows if row.get("code")} | {meta["machine"].get("tongban_code") or ""}
    codes.discard("")
    if len(codes) > 1:
        out += [
            "",
            f"**Warning:** Tongban's code changed on disk during this run (fingerprints {', '.join(sorted(codes))}): "
            "its rows do not all measure the same code.",
        ]
    out += [
        "",
        "Hive Gateway deduplicates identical in-flight *subgraph* requests by default (outbound dedup, kept on in both "
        "Hive rows), so under load its subgraph requests per client request fall well below the 7 of its plan.",
        "",
        "Ratios (RPS, same run):",
        "",
        f"- Tongban / Apollo Gateway: **{ratio(by.get('tongban'), by.get('apollo'))}** (goal ≥ 4x)",
        f"- Tongban / Hive Gateway, inbound dedup off on both: **{ratio(by.get('tongban'), by.get('hive'))}** "
        "(goal ≥ 1x)",
        "- Tongban / Hive Gateway, inbound dedup on both: "
        f"**{ratio(by.get('tongban-dedup'), by.get('hive-dedup'))}** (goal ≥ 1x)",
    ]
    if "tongban-httpx" in by:
        out.append(
            f"- Tongban with the httpx transport / with aiohttp: {ratio(by.get('tongban-httpx'), by.get('tongban'))}"
        )
    for ours, theirs in (("tongban", "hive"), ("tongban-dedup", "hive-dedup")):
        a, b = by.get(ours), by.get(theirs)
        if measured(a) and measured(b):
            verdict = "met" if a["p95_us"] <= b["p95_us"] else "not met"
            out.append(
                f"- p95 {LABELS[ours]} {ms(a['p95_us'])} ms vs {LABELS[theirs]} {ms(b['p95_us'])} ms "
                f"(goal: no worse; {verdict})"
            )
    out += ["", "Subgraphs alone (the ceiling; no gateway, same subgraph server, same wrk settings):", ""]
    if "direct" in ceiling:
        d = ceiling["direct"]
        out.append(
            f"- `direct-accounts.json` to /accounts: {fmt_rps(d['rps'])} RPS, p50 {ms(d['p50_us'])} ms, "
            f"p95 {ms(d['p95_us'])} ms, subgraph CPU {d['subgraph_cpu_ms_per_req']:.3f} ms/req, errors {d['errors']}."
        )
    if "set" in ceiling:
        s = ceiling["set"]
        paths = ", ".join(f"{p.lstrip('/')} x{s['paths'].count(p)}" for p in dict.fromkeys(s["paths"]))
        out.append(
            f"- The {s['set_size']} subgraph requests of one client query (as {LABELS[s['source']]} sends them: "
            f"{paths}), replayed round-robin: {fmt_rps(s['rps'])} req/s = **{s['sets_per_s']:,.0f} sets/s**, "
            f"p50 {ms(s['p50_us'])} ms, subgraph CPU {s['subgraph_cpu_ms_per_req']:.3f} ms/req, errors {s['errors']}."
        )
    out.append("")
    return "\n".join(out)


def _breakdown(stats: dict[str, int], served: int) -> str:
    n = max(served, 1)
    return ", ".join(f"{name} {stats.get(name, 0) / n:.2f}" for name in SUBGRAPHS)


CURVE_HEADER = ["RPS", "p50 ms", "p95 ms", "gateway CPU ms/req", "subgraph req / client req", "note"]


def code_note(meta: dict[str, Any], point: dict[str, Any]) -> str | None:
    """A note when a Tongban point measured other code than the run started with."""
    start = meta["machine"].get("tongban_code")
    if point.get("code") and start and point["code"] != start:
        return f"Tongban code changed during the run ({start} → {point['code']})"
    return None


def render_curves(meta: dict[str, Any], curves: dict[str, Any]) -> str:
    opts = meta["opts"]
    out = [
        f"## {CURVES_TITLE}",
        "",
        f"Recorded {meta['date']} by `{meta['command']}`. Each point: {opts['curve_warmup']:g} s warm-up, "
        f"{opts['curve_duration']:g} s measured, {opts['connections']} connections unless stated; inbound dedup off "
        f'(`tongban`, `hive`); same machine, versions and subgraph server as "{MAIN_TITLE}"; Tongban with '
        f"{opts['tongban_workers']} worker(s) unless the curve varies them. Columns as there.",
        "",
        *setup_lines(meta),
        "",
    ]
    if curves["size"]:
        out += [
            "### Response size",
            "",
            f"`{SIZE_QUERY}` with n = {opts['sizes']}, {opts['size_connections']} connections: two subgraph fetches "
            "per client request whatever n (products, then inventory `_entities` with n representations).",
            "",
            *md_table(["gateway", "n", "response bytes", *CURVE_HEADER], 1),
            *_curve_rows(meta, curves["size"], lambda key, p: [f"{key:,}", f"{p.get('response_bytes', 0):,}"]),
            "",
        ]
    if curves["subgraphs"]:
        out += [
            "### Subgraphs in the plan",
            "",
            *(f"- {count}: `{query}`" for count, query in SUBGRAPH_QUERIES.items()),
            "",
            *md_table(["gateway", "subgraphs (queried)", "response bytes", *CURVE_HEADER], 1),
            *_curve_rows(
                meta,
                curves["subgraphs"],
                lambda key, p: [f"{key} ({p.get('subgraphs_in_plan', '?')})", f"{p.get('response_bytes', 0):,}"],
            ),
            "",
        ]
    if curves["workers"]:
        out += [
            "### Worker processes",
            "",
            "The benchmark query (`body.json`), inbound dedup off. Tongban: `--workers N`; Hive Gateway: `--fork N`.",
            "",
            *md_table(
                [
                    "gateway",
                    "workers",
                    "RPS",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "gateway CPU ms/req",
                    "gateway CPU cores",
                    "peak RSS MB",
                    "note",
                ],
                1,
            ),
        ]
        for kind, points in curves["workers"].items():
            if "problem" in points:
                out.append(md_row(LABELS[kind], *["—"] * 8, _md(points["problem"], 200)))
                continue
            for count, p in points.items():
                if not measured(p):
                    out.append(md_row(LABELS[kind], count, *["—"] * 7, _md(p.get("problem", "?"), 200)))
                    continue
                out.append(
                    md_row(
                        LABELS[kind],
                        count,
                        fmt_rps(p["rps"]),
                        ms(p["p50_us"]),
                        ms(p["p95_us"]),
                        ms(p["p99_us"]),
                        f"{p['gateway_cpu_ms_per_req']:.2f}",
                        f"{p['gateway_cpu_cores']:.2f}",
                        f"{p['peak_rss'] / 2**20:,.0f}",
                        "; ".join(
                            x for x in (f"errors {p['errors']}" if p["errors"] else None, code_note(meta, p)) if x
                        ),
                    )
                )
        out.append("")
    if curves["overhead"]:
        direct = curves["overhead"].get("direct")
        out += [
            "### Gateway overhead at low concurrency",
            "",
            f"One connection, `{OVERHEAD_QUERY}` (one accounts fetch; a cached plan after warm-up) through each "
            "gateway, against the same subgraph query sent to /accounts directly. Overhead = gateway p50 minus direct "
            "p50 (goal for Tongban: ≤ 1 ms).",
            "",
            *md_table(["path", "RPS", "p50 ms", "p95 ms", "p99 ms", "overhead at p50 ms", "gateway CPU ms/req"], 1),
        ]
        if measured(direct):
            cells = [fmt_rps(direct["rps"]), ms(direct["p50_us"]), ms(direct["p95_us"]), ms(direct["p99_us"])]
            out.append(md_row("subgraph directly", *cells, "—", "—"))
        for kind, p in curves["overhead"].items():
            if kind == "direct":
                continue
            if not measured(p):
                out.append(md_row(LABELS[kind], *["—"] * 5, _md(p.get("problem", "?"), 200)))
                continue
            over = f"{(p['p50_us'] - direct['p50_us']) / 1000:.2f}" if measured(direct) else "?"
            cells = [fmt_rps(p["rps"]), ms(p["p50_us"]), ms(p["p95_us"]), ms(p["p99_us"])]
            cpu = f"{p['gateway_cpu_ms_per_req']:.2f}"
            note = code_note(meta, p)
            out.append(md_row(LABELS[kind], *cells, over, f"{cpu} ({note})" if note else cpu))
        out.append("")
    return "\n".join(out)


def _curve_rows(meta: dict[str, Any], data: dict[str, Any], key_cells: Any) -> list[str]:
    rows = []
    for kind, points in data.items():
        if "problem" in points:
            rows.append(md_row(LABELS[kind], "—", "—", *["—"] * 5, _md(points["problem"], 200)))
            continue
        for key, p in points.items():
            errors = f"errors {p['errors']}" if p.get("errors") else None
            note = "; ".join(x for x in (p.get("problem"), p.get("mismatch"), errors, code_note(meta, p)) if x)
            if not measured(p):
                rows.append(md_row(LABELS[kind], *key_cells(key, p), *["—"] * 5, _md(note, 200)))
                continue
            rows.append(
                md_row(
                    LABELS[kind],
                    *key_cells(key, p),
                    fmt_rps(p["rps"]),
                    ms(p["p50_us"]),
                    ms(p["p95_us"]),
                    f"{p['gateway_cpu_ms_per_req']:.2f}",
                    f"{p['subgraph_req_per_req']:.2f}",
                    _md(note),
                )
            )
    return rows


def write_section(title: str, section: str) -> None:
    header = "# Benchmark results\n\nRecorded by the scripts in benchmarks/ (see README.md there).\n"
    text = RESULTS.read_text() if RESULTS.exists() else header
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text.rstrip("\n") + "\n")


# ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    nproc = len(os.sched_getaffinity(0))
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--duration", type=float, default=20, help="measured seconds per gateway (default 20)")
    p.add_argument("--warmup", type=float, default=5, help="warm-up seconds per gateway, not measured (default 5)")
    p.add_argument("--connections", type=int, default=50, help="wrk connections (default 50)")
    p.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: leave the CPUs to the gateway)")
    p.add_argument(
        "--gateways",
        default=DEFAULT_GATEWAYS,
        help=f"comma-separated, of {','.join(ALL_GATEWAYS)}, or 'none' (default {DEFAULT_GATEWAYS})",
    )
    p.add_argument(
        "--tongban-workers",
        type=int,
        default=nproc,
        help=f"Tongban worker processes when `tongban serve` has --workers (default: CPUs = {nproc})",
    )
    p.add_argument("--no-hive-jit", dest="hive_jit", action="store_false", help="run Hive Gateway without --jit")
    p.add_argument(
        "--ceiling-duration",
        type=float,
        default=None,
        help="measured seconds of each subgraphs-alone run (default: --duration / 2)",
    )
    p.add_argument(
        "--subgraphs-execute",
        action="store_true",
        help="the subgraph server runs graphql-js for every request (default: once per distinct request body)",
    )
    p.add_argument("--no-ceiling", dest="ceiling", action="store_false", help="skip the subgraphs-alone measurement")
    p.add_argument(
        "--curves", default="", help="comma-separated of size,subgraphs,workers,overhead (or 'all'); default none"
    )
    p.add_argument(
        "--curve-gateways",
        default="tongban,apollo,hive",
        help="gateways of the size/subgraphs/overhead curves (default tongban,apollo,hive)",
    )
    p.add_argument("--curve-duration", type=float, default=4, help="measured seconds per curve point (default 4)")
    p.add_argument("--curve-warmup", type=float, default=1, help="warm-up seconds per curve point (default 1)")
    p.add_argument(
        "--sizes",
        default="10,100,1000,10000",
        help="entities per response for the size curve (default 10,100,1000,10000)",
    )
    p.add_argument(
        "--max-workers", type=int, default=max(2, nproc), help="workers curve: 1 .. this (default max(2, CPUs))"
    )
    p.add_argument(
        "--size-connections",
        type=int,
        default=10,
        help="wrk connections of the response-size curve (default 10: a 10,000-entity answer takes 100s of ms)",
    )
    p.add_argument(
        "--port", type=int, default=4000, help="gateway port on 127.0.0.1 (default 4000; a free one when taken)"
    )
    p.add_argument(
        "--subgraph-port",
        type=int,
        default=4200,
        help="subgraph server port on 127.0.0.1 (default 4200; a free one when taken or 0)",
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data directory (default {DEFAULT_DATA})")
    p.add_argument("--npm-install", action="store_true", help="run npm ci even when node_modules exists")
    p.add_argument("--no-write", action="store_true", help="print only; do not update RESULTS.md")
    p.add_argument(
        "--render",
        type=Path,
        metavar="RESULTS_JSON",
        help="measure nothing: rewrite the RESULTS.md sections from a previous run's var/bench/.../results.json",
    )
    opts = p.parse_args(argv)
    opts.kinds = [] if opts.gateways == "none" else [k.strip() for k in opts.gateways.split(",") if k.strip()]
    unknown = [k for k in opts.kinds if k not in ALL_GATEWAYS]
    if unknown:
        p.error(f"unknown gateway(s) {', '.join(unknown)}; known: {', '.join(ALL_GATEWAYS)}")
    opts.curve_list = (
        ["size", "subgraphs", "workers", "overhead"]
        if opts.curves == "all"
        else [c.strip() for c in opts.curves.split(",") if c.strip()]
    )
    bad = [c for c in opts.curve_list if c not in ("size", "subgraphs", "workers", "overhead")]
    if bad:
        p.error(f"unknown curve(s) {', '.join(bad)}")
    opts.curve_gateways = [k.strip() for k in opts.curve_gateways.split(",") if k.strip()]
    if opts.ceiling_duration is None:
        opts.ceiling_duration = max(2.0, opts.duration / 2)
    return opts


def _int_keys(points: Any) -> Any:
    if isinstance(points, dict):
        return {int(k) if isinstance(k, str) and k.isdigit() else k: _int_keys(v) for k, v in points.items()}
    return points


def write_sections(
    meta: dict[str, Any], rows: list[dict[str, Any]], ceiling: dict[str, Any], curves: Any, *, write: bool
) -> None:
    sections = []
    if rows:
        sections.append((MAIN_TITLE, render_main(meta, rows, ceiling)))
    if curves:
        sections.append((CURVES_TITLE, render_curves(meta, curves)))
    for title, section in sections:
        print(section)
        if write:
            write_section(title, section)
            log(f"wrote section '{title}' to {RESULTS.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    if opts.render:
        raw = json.loads(opts.render.read_text())
        curves = raw.get("curves")
        if curves:
            curves = {name: _int_keys(points) for name, points in curves.items()}
        write_sections(raw["meta"], raw["rows"], raw.get("ceiling") or {}, curves, write=not opts.no_write)
        return 0
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)  # also when started in the background (SIGINT ignored)
    atexit.register(stop_all)
    stamp = datetime.datetime.now(datetime.UTC)
    logdir = REPO / "var" / "bench" / f"gateways-{stamp:%Y%m%d-%H%M%S}"
    logdir.mkdir(parents=True, exist_ok=True)
    try:
        ensure_tools(opts)
        data = opts.data.resolve()
        body = (data / "body.json").read_bytes()
        expected = json.loads((data / "expected.json").read_bytes())
        opts.tongban_workers_flag = "--workers" in tongban_help()
        if not opts.tongban_workers_flag and any(k.startswith("tongban") for k in opts.kinds):
            log("`tongban serve` has no --workers option: Tongban runs one process")
        meta: dict[str, Any] = {
            "date": f"{stamp:%Y-%m-%d %H:%M} UTC",
            "command": "python benchmarks/gateways/run.py"
            + (
                ""
                if not (sys.argv[1:] if argv is None else argv)
                else " " + shlex.join(sys.argv[1:] if argv is None else argv)
            ),
            "machine": machine_info(),
            "npm": npm_versions(),
            "interpreter": tongban_interpreter(),
            "hive_jit": opts.hive_jit,
            "threads": opts.threads,
            "opts": {k: v for k, v in vars(opts).items() if isinstance(v, (int, float, str, bool, list))},
        }
        log(
            f"machine: {meta['machine']['nproc']} CPUs, {meta['machine']['cpu_model']}; Tongban on "
            f"{meta['interpreter']['real']} (Python {meta['interpreter']['version']}); logs in {logdir}"
        )
        with tempfile.TemporaryDirectory(prefix="tongban-gateways-") as tmp:
            workdir = Path(tmp)
            sub_port = opts.subgraph_port or free_port()
            if not port_free(sub_port):
                sub_port = free_port()
                log(f"port {opts.subgraph_port} is taken on 127.0.0.1: the subgraph server uses {sub_port}")
            if not port_free(opts.port):
                port = free_port()
                log(f"port {opts.port} is taken on 127.0.0.1: the gateways use {port}")
                opts.port = port
            supergraph = workdir / "supergraph.graphql"
            rewrite_supergraph(data / "supergraph.repo.graphql", supergraph, sub_port)
            subgraphs = Subgraphs(sub_port, data, logdir, execute=opts.subgraphs_execute)
            ctx = Context(opts, workdir, logdir, subgraphs, supergraph)
            rows, captured = run_main(ctx, opts.kinds, body, expected) if opts.kinds else ([], {})
            (logdir / "subgraph-requests.json").write_text(json.dumps(captured, indent=1))
            ceiling = run_ceiling(ctx, data, captured) if opts.ceiling and opts.kinds else {}
            curves = run_curves(ctx, opts.curve_list, body, expected) if opts.curve_list else None
            subgraphs.proc.stop()
        meta["wall_s"] = time.monotonic() - started
        raw = {
            "meta": meta,
            "rows": rows,
            "ceiling": ceiling,
            "curves": curves,
            "subgraph_requests_of_one_query": captured,
        }
        (logdir / "results.json").write_text(json.dumps(raw, indent=1, default=str))
        write_sections(meta, rows, ceiling, curves, write=not opts.no_write)
        log(f"done in {meta['wall_s']:.0f} s; raw results {logdir / 'results.json'}")
        return 0
    except BenchError as error:
        log(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        log("interrupted: stopping everything started here")
        return 130
    finally:
        stop_all()


if __name__ == "__main__":
    sys.exit(main())
