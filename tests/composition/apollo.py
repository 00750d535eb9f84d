"""Apollo's composer for the parity tests: installed from npm on demand, run with Node.

``@apollo/composition`` and ``graphql@16`` live outside the repository, in
``$TONGBAN_COMPOSE_DIR`` (default ``~/.cache/tongban-compose``, shared with
``tests/fixtures/compose.mjs``). ``ensure_composer()`` installs them there with npm when
they are missing (a no-op when present), and returns why it cannot when Node or npm is
missing or the install fails. The parity tests skip on that reason, except when the
environment variable ``CI`` is set: there they fail.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "apollo_compose.mjs"
COMPOSITION_VERSION = "2.14.4"
PACKAGES = (f"@apollo/composition@{COMPOSITION_VERSION}", "graphql@16")


def compose_dir() -> Path:
    return Path(os.environ.get("TONGBAN_COMPOSE_DIR") or Path.home() / ".cache" / "tongban-compose")


def _installed(directory: Path) -> bool:
    modules = directory / "node_modules"
    return (modules / "@apollo" / "composition" / "package.json").is_file() and (
        modules / "graphql" / "package.json"
    ).is_file()


def ensure_composer() -> str | None:
    """Install the composer when missing; None when usable, else the reason it is not."""
    if shutil.which("node") is None:
        return "node is not installed"
    directory = compose_dir()
    if _installed(directory):
        return None
    npm = shutil.which("npm")
    if npm is None:
        return f"npm is not installed and {directory} has no @apollo/composition"
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".install.lock", "w") as lock:  # parallel test workers install once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _installed(directory):
            return None
        command = [npm, "install", "--prefix", str(directory), "--no-audit", "--no-fund", "--loglevel=error", *PACKAGES]
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"npm install failed: {error}"
        if completed.returncode != 0 or not _installed(directory):
            return f"npm install {' '.join(PACKAGES)} failed: {completed.stderr.strip()[-500:]}"
    return None


def require_composer() -> None:
    """Skip the calling test when the composer is unavailable (fail under CI)."""
    reason = ensure_composer()
    if reason is None:
        return
    message = f"Apollo's composer is unavailable: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: parity tests must run)")
    pytest.skip(message)


def compose_batch(collections: dict[str, list[tuple[str, str]]]) -> dict[str, dict[str, Any]]:
    """Compose several subgraph collections with Apollo in one Node process.

    Returns name -> {"supergraphSdl": str | None, "errors": [{code, message}], "hints": [...]}.
    """
    batch = [
        {"subgraphs": [{"name": name, "url": url_of(name), "sdl": sdl} for name, sdl in subgraphs]}
        for subgraphs in collections.values()
    ]
    environment = {**os.environ, "TONGBAN_COMPOSE_DIR": str(compose_dir())}
    completed = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps({"batch": batch}),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=environment,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"apollo_compose.mjs failed: {completed.stderr}")
    results = json.loads(completed.stdout)
    return dict(zip(collections, results, strict=True))


def url_of(subgraph: str) -> str:
    return f"http://{subgraph}.example/graphql"
