// Compose subgraphs with Apollo's composer, for the parity tests of tests/composition/.
//
//   node tests/composition/apollo_compose.mjs < INPUT.json > OUTPUT.json
//
// INPUT.json:  {"subgraphs": [{"name": "...", "url": "...", "sdl": "..."}, ...]}
// OUTPUT.json: {"supergraphSdl": "..." | null,
//               "errors": [{"code": "...", "message": "..."}],
//               "hints": [{"code": "...", "message": "..."}]}
// or, to compose many collections in one process, INPUT {"batch": [{"subgraphs": [...]}, ...]}
// and OUTPUT a JSON list of the results above, in order.
//
// @apollo/composition and graphql@16 are resolved from $TONGBAN_COMPOSE_DIR (default
// ~/.cache/tongban-compose); the test setup (tests/composition/apollo.py) installs them
// there with npm when they are missing. A subgraph that does not parse is reported as an
// INVALID_GRAPHQL error, like the composer reports invalid schemas.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const base = process.env.TONGBAN_COMPOSE_DIR || join(homedir(), ".cache", "tongban-compose");
const require = createRequire(join(base, "package.json"));
const { parse } = require("graphql");
const { composeServices } = require("@apollo/composition");
const { subgraphsFromServiceList } = require("@apollo/federation-internals");

const codeOf = (error) => error?.extensions?.code ?? error?.definition?.code ?? "UNKNOWN";

function composeOne({ subgraphs }) {
  // A subgraph that does not parse fails like Apollo's buildSubgraph on an SDL string:
  // "[name] Syntax Error ...", reported with the validation errors of the other subgraphs.
  const services = [];
  const syntaxErrors = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      syntaxErrors.push({ message: `[${name}] ${error.message}`, extensions: { code: "INVALID_GRAPHQL" } });
    }
  }
  let result;
  if (syntaxErrors.length) {
    const built = subgraphsFromServiceList(services);
    result = { errors: [...syntaxErrors, ...(Array.isArray(built) ? built : [])] };
  } else {
    try {
      result = composeServices(services);
    } catch (error) {
      result = { errors: [{ message: String(error?.message ?? error), extensions: { code: "INVALID_GRAPHQL" } }] };
    }
  }
  return {
    supergraphSdl: result.errors?.length ? null : result.supergraphSdl,
    errors: (result.errors || []).map((error) => ({ code: codeOf(error), message: error.message })),
    hints: (result.hints || []).map((hint) => ({ code: codeOf(hint), message: hint.message })),
  };
}

const input = JSON.parse(readFileSync(0, "utf8"));
const output = input.batch ? input.batch.map(composeOne) : composeOne(input);
process.stdout.write(JSON.stringify(output));
