import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { readFile } from 'node:fs/promises';
import { withoutScopeDirectives } from '../gateway/src/supergraph.ts';
import { SUPERGRAPH_PATH } from '../schemas/compose.ts';

/**
 * The API clients see: the supergraph without Federation's join machinery and `@inaccessible`
 * fields, as the gateway serves it (it too is given the supergraph without scope directives).
 * Operations are validated, and the web app's operation types generated, against it.
 */
export async function readPublicSchema(path = SUPERGRAPH_PATH): Promise<GraphQLSchema> {
  return Supergraph.build(withoutScopeDirectives(await readFile(path, 'utf8'))).apiSchema().toGraphQLJSSchema();
}
