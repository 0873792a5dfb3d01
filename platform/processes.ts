import type { z } from 'zod';
import { gatewayEnv } from '../gateway/src/config.ts';
import { agencyEnv } from '../mocks/agencies/common/config.ts';
import { providerEnv } from '../mocks/franceconnect/config.ts';
import { accountEnv, agencySubgraphEnv, identityEnv } from '../subgraphs/shared/config.ts';
import { startEnv } from './start-config.ts';

export interface ProcessEntry {
  name: string;
  /** The entry point, from the repository root; the image runs it compiled (`dist/….js`). */
  entry: string;
  /** Every environment variable the process reads. */
  env: z.ZodObject;
}

/**
 * Every process the platform runs, with the variables it reads, taken from its configuration
 * module: what docker-compose.yml and .env.example are checked against.
 */
export const PROCESSES: readonly ProcessEntry[] = [
  { name: 'gateway', entry: 'gateway/src/server.ts', env: gatewayEnv },
  { name: 'identity', entry: 'subgraphs/identity/server.ts', env: identityEnv },
  { name: 'training', entry: 'subgraphs/training/server.ts', env: agencySubgraphEnv('training') },
  { name: 'retirement', entry: 'subgraphs/retirement/server.ts', env: agencySubgraphEnv('retirement') },
  { name: 'family', entry: 'subgraphs/family/server.ts', env: agencySubgraphEnv('family') },
  { name: 'employment', entry: 'subgraphs/employment/server.ts', env: agencySubgraphEnv('employment') },
  { name: 'account', entry: 'subgraphs/account/server.ts', env: accountEnv },
  { name: 'franceconnect', entry: 'mocks/franceconnect/server.ts', env: providerEnv },
  { name: 'cpf', entry: 'mocks/agencies/cpf/server.ts', env: agencyEnv('cpf') },
  { name: 'rgcu', entry: 'mocks/agencies/rgcu/server.ts', env: agencyEnv('rgcu') },
  { name: 'caf', entry: 'mocks/agencies/caf/server.ts', env: agencyEnv('caf') },
  { name: 'france-travail', entry: 'mocks/agencies/france-travail/server.ts', env: agencyEnv('france-travail') },
  { name: 'platform', entry: 'scripts/start.ts', env: startEnv },
];

export const variablesOf = (process: ProcessEntry): string[] => Object.keys(process.env.shape);
