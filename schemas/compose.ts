import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { fileURLToPath } from 'node:url';
import { loadModules, readModuleSdl, type ModuleRegistration } from '../common/modules.ts';
import { checkModuleSdl } from './module-check.ts';
import { SUBGRAPHS, readSubgraphSdl } from './subgraphs.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export class CompositionError extends Error {
  readonly code = 'COMPOSITION_FAILED';
  constructor(readonly errors: readonly Error[]) {
    super(`Composition failed:\n${errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
}

/**
 * Composes the platform's subgraph SDLs and the registered modules' (config/modules.json) into a
 * supergraph with @apollo/composition. A module that reaches for the identity pivot, for fields
 * internal to the platform or for scopes beyond its registration, or takes a platform
 * subgraph's name, is refused (ModuleRejectedError) before composing.
 */
export async function composeSchemas(modules: readonly ModuleRegistration[] = loadModules()): Promise<{ supergraphSdl: string }> {
  const platform = await Promise.all(
    SUBGRAPHS.map(async ({ name, url }) => ({ name, url, typeDefs: parse(await readSubgraphSdl(name)) })),
  );
  const extensions = await Promise.all(
    modules.map(async (module) => {
      if (SUBGRAPHS.some((s) => s.name === module.name)) throw new Error(`module name ${module.name} is a platform subgraph's`);
      const typeDefs = parse(await readModuleSdl(module));
      checkModuleSdl(module, typeDefs, platform.map((p) => p.typeDefs));
      return { name: module.name, url: module.url, typeDefs };
    }),
  );
  const result = composeServices([...platform, ...extensions]);
  if (result.errors) throw new CompositionError(result.errors);
  return { supergraphSdl: result.supergraphSdl };
}
