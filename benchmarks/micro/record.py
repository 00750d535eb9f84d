"""Record the subgraph answers the hot-path micro-benchmark replays.

Start the benchmark's subgraphs (``node benchmarks/gateways/subgraphs/server.mjs --port
4200 --data ../shared/gateways-benchmark``), then ``python benchmarks/micro/record.py``.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Any

from gateway.executors.http_aiohttp import AiohttpTransport
from gateway.executors.transport import SubgraphRequest
from gateway.pipeline import Gateway
from gateway.request import GraphQLRequest
from gateway.supergraph import load_supergraph

HERE = Path(__file__).parent
DATA = HERE / "data"
SHARED = HERE.resolve().parents[2] / "shared" / "gateways-benchmark"


class Recording(AiohttpTransport):
    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[str, str] = {}

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        answer = await super().send(request)
        key = json.dumps({"subgraph": request.subgraph, "body": request.body()}, sort_keys=True)
        self.answers[key] = json.dumps(answer)
        return answer


async def main(port: int) -> None:
    sdl = (SHARED / "supergraph.repo.graphql").read_text()
    local = re.sub(r'url: "http://[^"/]+/', f'url: "http://127.0.0.1:{port}/', sdl)
    transport = Recording()
    gateway = Gateway(load_supergraph(local), transport=transport)
    response = await gateway.handle(GraphQLRequest(query=(SHARED / "query.graphql").read_text()))
    await transport.close()
    assert response.payload == json.loads((SHARED / "expected.json").read_text()), "not the expected answer"
    (DATA / "subgraph-answers.json").write_text(json.dumps(transport.answers, indent=0, sort_keys=True) + "\n")
    print(f"recorded {len(transport.answers)} subgraph answers")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 4200))
