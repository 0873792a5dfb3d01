// Peer (b): stock @apollo/gateway in @apollo/server's standalone server, its default fetcher,
// no tuning. Its only addition: forwarding each subgraph's pre-minted token (peer.ts).
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { benchConfig, serveChild } from '../child.ts';
import { tokenHeader, type PeerConfig, type PeerInfo } from './peer.ts';

interface Context {
  headers: IncomingHttpHeaders;
}

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<PeerConfig>();
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<Context>({
        url,
        willSendRequest({ request, context }) {
          request.http?.headers.set('authorization', `Bearer ${context.headers?.[tokenHeader(name)] ?? ''}`);
        },
      }),
  });
  const server = new ApolloServer<Context>({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ headers: req.headers }),
  });
  return { info: { url }, close: () => server.stop() };
});
