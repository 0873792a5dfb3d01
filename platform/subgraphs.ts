import type { FastifyInstance } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import { listenApp, type Listening } from '../common/listen.ts';
import type { ThirdPartyRegistry } from '../common/third-parties.ts';
import type { Database } from '../subgraphs/identity/store/database.ts';
import type { AgencyName } from '../subgraphs/shared/errors.ts';
import type { AgencySubgraphDeps } from '../subgraphs/shared/agency-subgraph.ts';
import type { CallPolicySettings } from '../common/resilience/policy.ts';
import { build as buildIdentity } from '../subgraphs/identity/app.ts';
import { build as buildTraining } from '../subgraphs/training/app.ts';
import { build as buildRetirement } from '../subgraphs/retirement/app.ts';
import { build as buildFamily } from '../subgraphs/family/app.ts';
import { build as buildEmployment } from '../subgraphs/employment/app.ts';
import { build as buildAccount } from '../subgraphs/account/app.ts';

/** Each agency subgraph and the agency it reads. */
const AGENCY_SUBGRAPHS: ReadonlyArray<{ name: string; agency: AgencyName; build: (deps: AgencySubgraphDeps) => Promise<FastifyInstance> }> = [
  { name: 'training', agency: 'cpf', build: buildTraining },
  { name: 'retirement', agency: 'rgcu', build: buildRetirement },
  { name: 'family', agency: 'caf', build: buildFamily },
  { name: 'employment', agency: 'france-travail', build: buildEmployment },
];

export interface StartSubgraphsOptions {
  host?: string;
  /** Port per subgraph name; 0 or absent: any free port. */
  ports?: Partial<Record<string, number>>;
  tokenKey: CryptoKey | KeyObject;
  personIdKey: string;
  agencyUrls: Record<AgencyName, string>;
  agencyApiKeys: Record<AgencyName, string>;
  agencyTimeoutMs: number;
  agencyResilience?: Partial<CallPolicySettings>;
  /** The clock of the agency subgraphs' rules. */
  now?: () => Date;
  /** Consents and the access journal, migrated. */
  database: Database;
  thirdParties: ThirdPartyRegistry;
  /** The clock consents start, expire and are journaled by. */
  consentClock?: () => Date;
}

export interface RunningSubgraphs {
  /** GraphQL endpoint per subgraph name. */
  urls: Record<string, string>;
  /** Stops one subgraph (tests of a subgraph going down). */
  stop(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the platform's subgraphs in this process, each on its own port. */
export async function startSubgraphs(options: StartSubgraphsOptions): Promise<RunningSubgraphs> {
  const listening: Array<[string, Listening]> = [];
  const listen = async (name: string, app: FastifyInstance) => {
    listening.push([name, await listenApp(app, { host: options.host, port: options.ports?.[name] ?? 0 })]);
  };
  try {
    await listen(
      'identity',
      await buildIdentity({
        tokenKey: options.tokenKey,
        personIdKey: options.personIdKey,
        database: options.database,
        thirdParties: options.thirdParties,
        now: options.consentClock,
      }),
    );
    for (const { name, agency, build } of AGENCY_SUBGRAPHS) {
      await listen(
        name,
        await build({
          agencyUrl: options.agencyUrls[agency],
          agencyApiKey: options.agencyApiKeys[agency],
          agencyTimeoutMs: options.agencyTimeoutMs,
          agencyResilience: options.agencyResilience,
          tokenKey: options.tokenKey,
          personIdKey: options.personIdKey,
          now: options.now,
        }),
      );
    }
    await listen('account', await buildAccount({ tokenKey: options.tokenKey, now: options.now }));
  } catch (error) {
    await Promise.all(listening.map(([, l]) => l.close()));
    throw error;
  }
  const byName = new Map(listening);
  return {
    urls: Object.fromEntries(listening.map(([name, l]) => [name, `${l.url}/graphql`])),
    stop: async (name) => {
      await byName.get(name)?.close();
      byName.delete(name);
    },
    close: async () => {
      await Promise.all([...byName.values()].map((l) => l.close()));
      byName.clear();
    },
  };
}
