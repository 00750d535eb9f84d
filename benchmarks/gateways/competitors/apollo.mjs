// Apollo Gateway (@apollo/gateway) inside Apollo Server (@apollo/server, standalone HTTP server)
// on a supergraph file: the stock set-up, for benchmarks/gateways/run.py.
//   NODE_ENV=production node apollo.mjs --supergraph FILE [--port 4000] [--host 127.0.0.1]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const { values: args } = parseArgs({
  options: {
    supergraph: { type: 'string' },
    port: { type: 'string', default: '4000' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(args.supergraph, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(args.port), host: args.host } });
console.log(`Apollo Gateway at ${url}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
