"""Regenerate schema/: each department's subgraph SDL and the composed supergraph.

    python -m scripts.generate_schema            # write schema/*.graphql
    python -m scripts.generate_schema --check    # exit 1 when schema/ is stale (writes nothing)
    python -m scripts.generate_schema --composer apollo

``schema/<department>.graphql`` is what the department answers to ``{ _service { sdl } }``.
``schema/supergraph.graphql`` is composed from those SDLs with subgraph URLs
``http://127.0.0.1:<default port>/graphql`` (4001-4006, the ports ``python -m subgraphs
<department>`` uses by default); its first lines record the composer and a digest of the
subgraph SDLs, which the staleness test checks even where no composer is installed.

Composers: ``python`` is ``gateway.composition.compose``; ``apollo`` is Apollo's composer run
by ``node tests/fixtures/compose.mjs`` (installed once in ``~/.cache/tongban-compose``, see
tests/fixtures/README.md). ``auto`` (default) takes the Python composer when it works and
Apollo's otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
SUPERGRAPH = SCHEMA_DIR / "supergraph.graphql"
COMPOSE_MJS = ROOT / "tests" / "fixtures" / "compose.mjs"
HEADER_PREFIX = "# "


class ComposerUnavailable(Exception):
    pass


class CompositionFailed(Exception):
    pass


def subgraph_sdls() -> dict[str, str]:
    """Department name -> SDL, in supergraph order."""
    from subgraphs import departments

    return {d.name: d.sdl() for d in departments()}


def subgraph_urls() -> dict[str, str]:
    from subgraphs import departments

    return {d.name: f"http://127.0.0.1:{d.default_port}/graphql" for d in departments()}


def sdl_digest(sdls: dict[str, str]) -> str:
    payload = json.dumps(sorted(sdls.items()), ensure_ascii=False).encode()
    return hashlib.sha256(payload).hexdigest()


# ------------------------------------------------------------------------------ composers


def _compose_python(sdls: dict[str, str], urls: dict[str, str]) -> tuple[str, str]:
    try:
        import gateway.composition as composition

        compose = composition.compose
        if not callable(compose):
            # the submodule gateway/composition/compose.py rebinds the package attribute
            # ``compose`` once it is imported (by the first call): reach the function through it
            compose = compose.compose
        result = compose([composition.SubgraphSource(name, urls[name], sdl) for name, sdl in sdls.items()])
    except (ImportError, NotImplementedError) as error:
        raise ComposerUnavailable(f"gateway.composition is not usable yet: {error}") from error
    if not result.ok:
        raise CompositionFailed("\n".join(str(e) for e in result.errors))
    return result.supergraph_sdl, "python gateway.composition"


def apollo_dir() -> Path:
    return Path(os.environ.get("TONGBAN_COMPOSE_DIR", Path.home() / ".cache" / "tongban-compose"))


def _compose_apollo(sdls: dict[str, str], urls: dict[str, str]) -> tuple[str, str]:
    package = apollo_dir() / "node_modules" / "@apollo" / "composition" / "package.json"
    if shutil.which("node") is None or not package.exists():
        raise ComposerUnavailable(f"Apollo's composer needs node and {package} (see tests/fixtures/README.md)")
    version = json.loads(package.read_text())["version"]
    services = [{"name": name, "url": urls[name], "sdl": sdl} for name, sdl in sdls.items()]
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.json", Path(tmp) / "out.graphql"
        source.write_text(json.dumps({"subgraphs": services}, ensure_ascii=False), encoding="utf-8")
        completed = subprocess.run(
            ["node", str(COMPOSE_MJS), str(source), str(target)], capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            raise CompositionFailed(completed.stderr.strip())
        return target.read_text(encoding="utf-8"), f"apollo @apollo/composition {version}"


COMPOSERS = {"python": _compose_python, "apollo": _compose_apollo}


def compose(sdls: dict[str, str], composer: str = "auto") -> tuple[str, str]:
    """(supergraph SDL, composer description). ``composer``: auto, python or apollo."""
    urls = subgraph_urls()
    if composer != "auto":
        return COMPOSERS[composer](sdls, urls)
    reasons = []
    for name in ("python", "apollo"):
        try:
            return COMPOSERS[name](sdls, urls)
        except ComposerUnavailable as error:
            reasons.append(str(error))
    raise ComposerUnavailable("; ".join(reasons))


def composer_kind(description: str) -> str:
    return description.split()[0]


# ------------------------------------------------------------------------------ files


def supergraph_text(supergraph_sdl: str, composer: str, digest: str) -> str:
    header = (
        f"{HEADER_PREFIX}Generated by `python -m scripts.generate_schema` from schema/<department>.graphql;"
        " do not edit.\n"
        f"{HEADER_PREFIX}composer: {composer}\n"
        f"{HEADER_PREFIX}subgraphs-sha256: {digest}\n"
    )
    return header + supergraph_sdl.rstrip("\n") + "\n"


def read_supergraph_header(text: str) -> dict[str, str]:
    header = {}
    for line in text.splitlines():
        if not line.startswith(HEADER_PREFIX):
            break
        key, _, value = line[len(HEADER_PREFIX) :].partition(": ")
        header[key] = value
    return header


def supergraph_body(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER_PREFIX):
        lines.pop(0)
    return "".join(lines)


def expected_files(composer: str = "auto") -> dict[Path, str]:
    sdls = subgraph_sdls()
    files = {SCHEMA_DIR / f"{name}.graphql": sdl.rstrip("\n") + "\n" for name, sdl in sdls.items()}
    supergraph, description = compose(sdls, composer)
    files[SUPERGRAPH] = supergraph_text(supergraph, description, sdl_digest(sdls))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.generate_schema", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether schema/ is up to date")
    parser.add_argument("--composer", choices=["auto", "python", "apollo"], default="auto")
    options = parser.parse_args(argv)
    try:
        files = expected_files(options.composer)
    except (ComposerUnavailable, CompositionFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stale = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if options.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for path, text in files.items():
        if path in stale:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    print(f"supergraph composed by {read_supergraph_header(files[SUPERGRAPH])['composer']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
