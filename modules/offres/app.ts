import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EuroCentsScalar } from '../../contract/scalars.ts';
import type { ModuleDeps } from '../../common/subgraph/module-service.ts';
import type { ScopedContext } from '../../common/subgraph/scopes.ts';
import { buildSubgraph } from '../../common/subgraph/server.ts';
import { jobOf, jobsFor, type JobRecord } from './jobs.ts';
import type { Resolvers } from './resolver-types.generated.ts';

export const OFFRES_SDL_PATH = fileURLToPath(new URL('./schema.graphql', import.meta.url));

/** What `Person.jobs` receives through `@requires`, under a pseudonym. */
interface JobSeeker {
  employment: { registration: { category: string } | null } | null;
}

/**
 * The second example module, "offres d'emploi". It owns an entity of its own, `Job` keyed by
 * its ROME code, which other subgraphs point at (orientation's suggestions) and the gateway
 * fetches here by key, and it extends `Person` with the jobs open to a job seeker, from the
 * registration it receives under a pseudonym.
 */
export async function build(options: ModuleDeps): Promise<FastifyInstance> {
  const resolvers: Resolvers<ScopedContext> = {
    EuroCents: EuroCentsScalar,
    Query: {
      job: (_root, args) => jobOf(args.id),
    },
    Job: {
      // Another subgraph's reference holds the key only; an id the directory does not have is null.
      __resolveReference: (reference) => jobOf(reference.id) as JobRecord,
    },
    Person: {
      __resolveReference: (reference) => reference,
      // The reference holds what `jobs` @requires.
      jobs: (person) => jobsFor((person as JobSeeker).employment?.registration?.category ?? null),
    },
  };
  return buildSubgraph<ScopedContext>({
    name: 'offres',
    sdl: await readFile(OFFRES_SDL_PATH, 'utf8'),
    tokenKey: options.tokenKey,
    telemetry: options.telemetry,
    lifecycle: options.lifecycle,
    createContext: (base) => base,
    resolvers,
  });
}
