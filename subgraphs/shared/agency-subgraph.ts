import type DataLoader from 'dataloader';
import type { FastifyInstance } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import type { z } from 'zod';
import type { VerifiedToken } from '../../common/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { Pivot } from '../../mocks/population/pivot.ts';
import { AgencyClient } from './agency-client.ts';
import { authorizePerson, type PersonReference } from './authorize.ts';
import { createDossierLoader } from './dossier-loader.ts';
import { DateScalar, EuroCentsScalar } from './scalars.ts';
import { buildSubgraph } from './server.ts';
import type { AgencyName } from './errors.ts';

export interface AgencyContext<D> {
  token: VerifiedToken;
  client: AgencyClient;
  dossiers: DataLoader<Pivot, D | null, string>;
}

/** What an agency subgraph needs from its configuration. */
export interface AgencySubgraphDeps {
  agencyUrl: string;
  agencyApiKey: string;
  agencyTimeoutMs: number;
  tokenKey: CryptoKey | KeyObject;
  personIdKey: string;
  /** The clock rules are evaluated with; tests fix it. */
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

export interface AgencySubgraphOptions<S extends z.ZodType, Section> extends AgencySubgraphDeps {
  /** Subgraph name and token audience (`training`, `retirement`…). */
  name: string;
  sdl: string;
  agency: AgencyName;
  /** The `Person` field this subgraph adds (`training`…). */
  section: string;
  /** Scope needed to read the section (`training:read`…). */
  scope: string;
  /** Shape of the agency's file for a person, validated before use. */
  dossier: S;
  /** Maps the agency's file to the public section; `today` is YYYY-MM-DD. */
  toSection: (dossier: z.infer<S>, person: PersonReference, today: string) => Section;
}

/**
 * The four agency subgraphs share one shape: `Person` gets one nullable section, read from
 * the agency through a per-request batch loader and mapped to the public schema.
 */
export async function buildAgencySubgraph<S extends z.ZodType, Section>(
  options: AgencySubgraphOptions<S, Section>,
): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const telemetry = options.telemetry ?? new Telemetry({ service: options.name });
  telemetry.addPeer(options.agencyUrl, { kind: 'agency', name: options.agency });
  const client = new AgencyClient({
    agency: options.agency,
    baseUrl: options.agencyUrl,
    apiKey: options.agencyApiKey,
    timeoutMs: options.agencyTimeoutMs,
  });
  return buildSubgraph<AgencyContext<z.infer<S>>>({
    name: options.name,
    sdl: options.sdl,
    tokenKey: options.tokenKey,
    telemetry,
    lifecycle: options.lifecycle,
    createContext: (token) => ({ token, client, dossiers: createDossierLoader(client, options.dossier) }),
    onClose: () => client.close(),
    resolvers: {
      Date: DateScalar,
      EuroCents: EuroCentsScalar,
      Person: {
        __resolveReference: (reference: PersonReference) => reference,
        [options.section]: async (person: PersonReference, _args: unknown, context: AgencyContext<z.infer<S>>) => {
          authorizePerson(context.token, person, options.scope, options.personIdKey);
          const dossier = await context.dossiers.load(person.pivot);
          return dossier === null ? null : options.toSection(dossier, person, now().toISOString().slice(0, 10));
        },
      },
    },
  });
}
