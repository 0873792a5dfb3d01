// Peer (c): Hive Gateway's runtime, started from the same supergraph file, on node:http, with
// its defaults. Its only addition: forwarding each subgraph's pre-minted token (peer.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { benchConfig, listenLoopback, serveChild } from '../child.ts';
import { tokenHeader, type PeerConfig, type PeerInfo } from './peer.ts';

/** The part of Hive Gateway's API used here. */
interface HiveRuntime {
  (request: IncomingMessage, response: ServerResponse): void;
  dispose(): Promise<void> | void;
}
interface HiveModule {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean;
    propagateHeaders: { fromClientToSubgraphs(payload: { request: Request; subgraphName: string }): Record<string, string> };
  }): HiveRuntime;
}

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<PeerConfig>();
  // Imported by a name the type checker does not follow: Hive's types augment graphql-js's error
  // extensions (GraphQL Yoga's `http.headers` as a record) in a way that contradicts Apollo's.
  const hive = '@graphql-hive/gateway';
  const { createGatewayRuntime } = (await import(hive)) as HiveModule;
  const gateway = createGatewayRuntime({
    supergraph: config.supergraphPath,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, subgraphName }) => ({
        authorization: `Bearer ${request.headers.get(tokenHeader(subgraphName)) ?? ''}`,
      }),
    },
  });
  const listening = await listenLoopback(createServer(gateway));
  return {
    info: { url: listening.url },
    close: async () => {
      await listening.close();
      await gateway.dispose();
    },
  };
});
