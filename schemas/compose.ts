import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS, readSubgraphSdl } from './subgraphs.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export class CompositionError extends Error {
  readonly code = 'COMPOSITION_FAILED';
  constructor(readonly errors: readonly Error[]) {
    super(`Composition failed:\n${errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
}

/** Composes the subgraph SDLs into a supergraph with @apollo/composition. */
export async function composeSchemas(): Promise<{ supergraphSdl: string }> {
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ name, url }) => ({ name, url, typeDefs: parse(await readSubgraphSdl(name)) })),
  );
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors);
  return { supergraphSdl: result.supergraphSdl };
}
