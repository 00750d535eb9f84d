// The four subgraphs of the graphql-gateways-benchmark scenario (accounts, inventory,
// products, reviews) in ONE Node process: node:http + graphql-js, schemas built with
// @apollo/subgraph. Written for Tongban's side-by-side benchmark (benchmarks/gateways/run.py).
//
//   node server.mjs [--port 4200] [--host 127.0.0.1] [--data DIR] [--products 10000] [--execute]
//
// The data never change, so by default an answer is executed once per distinct request body
// (per subgraph) and then served from memory: the subgraphs cost the shared CPUs as little as
// possible and are not the bottleneck (the 68 KB reviews answer of the benchmark costs ~2.4 ms
// of graphql-js execution, i.e. ~400/s on one core). --execute runs graphql-js for every request.
//
// POST /accounts | /inventory | /products | /reviews   GraphQL over HTTP (JSON body)
// GET  /health                                         "ok"
// GET  /__stats                                        {"accounts":n,...,"total":n} requests since reset
// POST /__reset                                        zero the counters (and the recording)
// POST /__record                                       record the next requests (path + body), up to 200
// GET  /__recorded                                     [{"path":...,"body":...}, ...]
//
// Data come from the benchmark's own files (DIR = shared/gateways-benchmark): users and
// products from expected.json, review texts from reviews-data.json. The reference subgraphs'
// quirks are kept on purpose, because expected.json encodes them:
//   - Product.shippingEstimate is always null (inventory ignores the required price/weight);
//   - Review.author is always the first user ("urigo");
//   - the reviews-side User entity returns that user's reviews (1 and 2) for every user.
// Products beyond the benchmark's five (upc 6..N, --products) exist for the response-size
// curve (topProducts(first: n)); the benchmark query asks for the default first 5 only.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate } from 'graphql';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || '4200' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: process.env.BENCH_DATA || '' },
    products: { type: 'string', default: '10000' },
    execute: { type: 'boolean', default: false },
  },
});
if (!args.data) {
  console.error('give --data DIR (shared/gateways-benchmark)');
  process.exit(2);
}

// ---------------------------------------------------------------- data
const expected = JSON.parse(readFileSync(path.join(args.data, 'expected.json'), 'utf8')).data;
const reviewTexts = JSON.parse(readFileSync(path.join(args.data, 'reviews-data.json'), 'utf8'));

const users = expected.users.map((u, i) => ({
  id: u.id,
  name: u.name,
  username: u.username,
  birthday: 1234567890 + i, // not in the benchmark query
}));
const usersById = new Map(users.map((u) => [u.id, u]));

const products = expected.topProducts.map((p) => ({
  upc: p.upc,
  name: p.name,
  price: p.price,
  weight: p.weight,
}));
const inStockByUpc = new Map(expected.topProducts.map((p) => [p.upc, p.inStock]));
for (let i = products.length + 1; i <= Number(args.products); i++) {
  const upc = String(i);
  products.push({ upc, name: `Product ${i}`, price: 100 + (i % 900), weight: 10 + (i % 90) });
  inStockByUpc.set(upc, i % 3 === 0);
}

const reviews = reviewTexts.map((r) => ({ id: String(r.id), body: r.body, productUpc: r.product.upc }));
const reviewsById = new Map(reviews.map((r) => [r.id, r]));
const reviewsByUpc = new Map();
for (const r of reviews) {
  if (!reviewsByUpc.has(r.productUpc)) reviewsByUpc.set(r.productUpc, []);
  reviewsByUpc.get(r.productUpc).push(r);
}
// The quirks, read off expected.json rather than assumed:
const authorId = expected.topProducts[0].reviews[0].author.id; // every review's author
const authorRow = usersById.get(authorId);
const userReviews = expected.users[0].reviews.map((r) => reviewsById.get(r.id)); // every User.reviews

// ---------------------------------------------------------------- schemas
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides"])';

const subgraphs = {
  accounts: buildSubgraphSchema([{
    typeDefs: parse(`${link}
      type Query { me: User  user(id: ID!): User  users: [User] }
      type User @key(fields: "id") { id: ID!  name: String  username: String  birthday: Int }`),
    resolvers: {
      Query: {
        me: () => users[0],
        user: (_, { id }) => usersById.get(id) ?? null,
        users: () => users,
      },
      User: { __resolveReference: (ref) => usersById.get(ref.id) ?? null },
    },
  }]),
  inventory: buildSubgraphSchema([{
    typeDefs: parse(`${link}
      type Product @key(fields: "upc") {
        upc: String!
        weight: Int @external
        price: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }`),
    resolvers: {
      Product: {
        __resolveReference: (ref) => ({ upc: ref.upc, inStock: inStockByUpc.get(ref.upc) ?? null }),
        shippingEstimate: () => null, // quirk of the reference subgraph (see the header)
      },
    },
  }]),
  products: buildSubgraphSchema([{
    typeDefs: parse(`${link}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`),
    resolvers: {
      Query: { topProducts: (_, { first }) => products.slice(0, first) },
      Product: { __resolveReference: (ref) => productByUpc(ref.upc) },
    },
  }]),
  reviews: buildSubgraphSchema([{
    typeDefs: parse(`${link}
      type Review @key(fields: "id") {
        id: ID!
        body: String
        product: Product
        author: User @provides(fields: "username")
      }
      type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
      type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`),
    resolvers: {
      Review: {
        __resolveReference: (ref) => reviewsById.get(ref.id) ?? null,
        product: (review) => ({ upc: review.productUpc }),
        author: () => authorRow, // quirk: always the first user
      },
      User: {
        __resolveReference: (ref) => ({ id: ref.id }),
        reviews: () => userReviews, // quirk: the same two reviews for every user
      },
      Product: {
        __resolveReference: (ref) => ({ upc: ref.upc }),
        reviews: (product) => reviewsByUpc.get(product.upc) ?? [],
      },
    },
  }]),
};

let productIndex = null;
function productByUpc(upc) {
  if (productIndex === null) productIndex = new Map(products.map((p) => [p.upc, p]));
  return productIndex.get(upc) ?? null;
}

// ---------------------------------------------------------------- HTTP
const names = Object.keys(subgraphs);
const counts = Object.fromEntries(names.map((n) => [n, 0]));
let recording = false;
let recorded = [];

// Parsed and validated documents per subgraph and query text (gateways send few distinct ones).
const documents = Object.fromEntries(names.map((n) => [n, new Map()]));
function prepare(name, query) {
  const cache = documents[name];
  let entry = cache.get(query);
  if (entry === undefined) {
    try {
      const document = parse(query);
      const errors = validate(subgraphs[name], document);
      entry = errors.length ? { errors } : { document };
    } catch (error) {
      entry = { errors: [error] };
    }
    if (cache.size > 1000) cache.clear();
    cache.set(query, entry);
  }
  return entry;
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

// Answers by subgraph and request body (--execute off): bounded, cleared when full.
const answers = Object.fromEntries(names.map((n) => [n, new Map()]));
let answerBytes = 0;
const ANSWER_BYTES_LIMIT = 256 * 2 ** 20;
function remember(name, raw, buffer) {
  if (answerBytes + buffer.length > ANSWER_BYTES_LIMIT) {
    for (const n of names) answers[n].clear();
    answerBytes = 0;
  }
  answers[name].set(raw, buffer);
  answerBytes += buffer.length + raw.length;
}
function sendAnswer(res, buffer) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': buffer.length });
  res.end(buffer);
}

function errorBody(errors) {
  return JSON.stringify({ errors: errors.map((e) => ({ message: e.message })) });
}

function handleGraphQL(name, res, raw) {
  counts[name]++;
  if (recording && recorded.length < 200) recorded.push({ path: `/${name}`, body: raw });
  if (!args.execute) {
    const known = answers[name].get(raw);
    if (known !== undefined) return sendAnswer(res, known);
  }
  let request;
  try {
    request = JSON.parse(raw);
  } catch {
    return send(res, 400, errorBody([{ message: 'request body is not JSON' }]));
  }
  if (typeof request?.query !== 'string') return send(res, 400, errorBody([{ message: 'no query' }]));
  const prepared = prepare(name, request.query);
  if (prepared.errors) return send(res, 400, errorBody(prepared.errors));
  const result = execute({
    schema: subgraphs[name],
    document: prepared.document,
    variableValues: request.variables,
    operationName: request.operationName,
  });
  const reply = (r) => {
    const buffer = Buffer.from(JSON.stringify(r));
    if (!args.execute && !r.errors) remember(name, raw, buffer);
    sendAnswer(res, buffer);
  };
  if (typeof result?.then === 'function') {
    result.then(reply, (e) => send(res, 500, errorBody([e])));
  } else {
    reply(result);
  }
}

const server = http.createServer((req, res) => {
  const name = req.url.slice(1).split('?')[0];
  if (req.method === 'POST' && name in counts) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handleGraphQL(name, res, chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString()));
    return;
  }
  if (req.method === 'GET' && name === 'health') return send(res, 200, 'ok', 'text/plain');
  if (req.method === 'GET' && name === '__stats') {
    const total = names.reduce((s, n) => s + counts[n], 0);
    return send(res, 200, JSON.stringify({ ...counts, total }));
  }
  if (req.method === 'POST' && name === '__reset') {
    for (const n of names) counts[n] = 0;
    recording = false;
    recorded = [];
    req.resume();
    return send(res, 200, '{}');
  }
  if (req.method === 'POST' && name === '__record') {
    recording = true;
    recorded = [];
    req.resume();
    return send(res, 200, '{}');
  }
  if (req.method === 'GET' && name === '__recorded') {
    recording = false;
    return send(res, 200, JSON.stringify(recorded));
  }
  req.resume();
  send(res, 404, errorBody([{ message: `no subgraph at ${req.url}` }]));
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(Number(args.port), args.host, () => {
  const mode = args.execute ? 'every request executed' : 'answers kept per request body';
  console.log(`subgraphs ${names.join(', ')} on http://${args.host}:${server.address().port}/<name> (${mode})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
