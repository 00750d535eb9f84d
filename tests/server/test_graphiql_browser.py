"""GraphiQL really works in a browser, offline: the page loads, introspects and runs ``{ hello }``.

Needs Debian's chromium and the playwright package (its own browser downloads are
not used). Without them the test skips locally but fails under CI, so a missing
install step cannot pass unnoticed.
"""

from __future__ import annotations

import importlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from graphql import build_schema, graphql_sync

from gateway.request import GraphQLRequest, GraphQLResponse
from gateway.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path("/tmp/graphiql.png")
CHROMIUM_FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCHEMA = build_schema("type Query { hello: String }")


class HelloPipeline:
    """Runs requests against a one-field schema, introspection included, as a real gateway would."""

    ready = True

    async def handle(self, request: GraphQLRequest) -> GraphQLResponse:
        result = graphql_sync(
            SCHEMA,
            request.query or "",
            root_value={"hello": "world"},
            variable_values=request.variables,
            operation_name=request.operation_name,
        )
        return GraphQLResponse(dict(result.formatted))

    async def startup(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _sync_playwright() -> ModuleType:
    """playwright.sync_api, or skip (fail under CI) naming whatever is missing."""
    missing = [] if CHROMIUM.exists() else [f"{CHROMIUM} (Debian package 'chromium')"]
    try:
        sync_api = importlib.import_module("playwright.sync_api")
    except ImportError:
        missing.append("the Python package 'playwright'")
    if missing:
        reason = "the GraphiQL browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this is a failure, not a skip")
        pytest.skip(reason)
    return sync_api


@pytest.fixture
def server_url() -> Iterator[str]:
    """The app under uvicorn on a free loopback port, lifespan included, in a background thread."""
    app = create_app(HelloPipeline(), graphiql_default_query="# Tongban\n{ __typename }")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_graphiql_runs_a_query_in_chromium(server_url: str, tmp_path: Path) -> None:
    sync_api = _sync_playwright()
    outside: list[str] = []
    problems: list[str] = []

    def local_only(route: Any) -> None:
        """Any request off this server would mean a CDN dependency: record and block it."""
        if urlsplit(route.request.url).netloc == urlsplit(server_url).netloc:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile",  # a fresh --user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            chromium_sandbox=False,  # --no-sandbox: we run as root
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            page = context.new_page()
            page.route("**/*", local_only)
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)

            page.goto(f"{server_url}/graphql")
            editor = page.locator(".graphiql-query-editor .CodeMirror")
            response = page.locator(".graphiql-response")
            run = page.locator(".graphiql-execute-button")
            # Anonymous operations on purpose: GraphiQL updates the operation name on a debounce.
            sync_api.expect(editor).to_contain_text("{ __typename }")
            run.click()
            sync_api.expect(response).to_contain_text('"__typename": "Query"')

            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.insert_text("{ hello }")
            run.click()
            sync_api.expect(response).to_contain_text('"hello": "world"')

            # The docs explorer only lists Query's fields if introspection worked.
            page.get_by_label("Show Documentation Explorer").click()
            page.locator(".graphiql-doc-explorer").get_by_text("Query", exact=True).click()
            sync_api.expect(page.locator(".graphiql-doc-explorer")).to_contain_text("hello")
            page.screenshot(path=str(SCREENSHOT))
        finally:
            context.close()

    assert outside == [], "GraphiQL must load nothing from outside the gateway"
    assert problems == []
