import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import { DateScalar, EuroCentsScalar } from '../../contract/scalars.ts';
import type { ScopedContext } from '../../common/subgraph/scopes.ts';
import { buildSubgraph } from '../../common/subgraph/server.ts';
import type { Resolvers } from './resolver-types.generated.ts';
import { suggestCareers, type CareerInput } from './suggestions.ts';

export interface OrientationOptions {
  /** The gateway's public key: a module verifies internal tokens like any subgraph. */
  tokenKey: VerificationKey;
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

export const ORIENTATION_SDL_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

/**
 * The example third-party module, "galaxie des métiers". It extends `Person` with career-change
 * suggestions from data it gets through `@requires`, keyed by a pseudonym the gateway made for
 * it: it never learns who the person is, and its scopes are checked on that pseudonym.
 */
export async function build(options: OrientationOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const resolvers: Resolvers<ScopedContext> = {
    Date: DateScalar,
    EuroCents: EuroCentsScalar,
    Person: {
      __resolveReference: (reference) => reference,
      // The gateway hands over, under a pseudonym, what `orientation` @requires: the reference holds it.
      orientation: (person) => suggestCareers(person as CareerInput, now().toISOString().slice(0, 10)),
    },
  };
  return buildSubgraph<ScopedContext>({
    name: 'orientation',
    sdl: await readFile(ORIENTATION_SDL_PATH, 'utf8'),
    tokenKey: options.tokenKey,
    telemetry: options.telemetry,
    lifecycle: options.lifecycle,
    createContext: (base) => base,
    resolvers,
  });
}
