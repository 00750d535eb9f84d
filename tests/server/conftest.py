"""A fake pipeline and an in-process HTTP client: the HTTP layer is tested without the planner."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from gateway.server import create_app

from .fakes import EchoPipeline


@pytest.fixture
def pipeline() -> EchoPipeline:
    return EchoPipeline()


@pytest.fixture
def app(pipeline: EchoPipeline) -> Starlette:
    return create_app(pipeline, graphiql_default_query="query Hello { hello } # </script>")


@pytest_asyncio.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    # App exceptions propagate into the test: a crash must fail it, not hide behind a 500.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
