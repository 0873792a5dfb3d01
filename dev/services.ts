import type { ServiceDefinition } from '../common/service.ts';
import { gatewayService } from '../gateway/src/service.ts';
import { cafService } from '../mocks/agencies/caf/service.ts';
import { cpfService } from '../mocks/agencies/cpf/service.ts';
import { franceTravailService } from '../mocks/agencies/france-travail/service.ts';
import { rgcuService } from '../mocks/agencies/rgcu/service.ts';
import { providerService } from '../mocks/franceconnect/service.ts';
import { offresService } from '../modules/offres/service.ts';
import { orientationService } from '../modules/orientation/service.ts';
import { accountService } from '../subgraphs/account/service.ts';
import { employmentService } from '../subgraphs/employment/service.ts';
import { familyService } from '../subgraphs/family/service.ts';
import { identityService } from '../subgraphs/identity/service.ts';
import { retirementService } from '../subgraphs/retirement/service.ts';
import { trainingService } from '../subgraphs/training/service.ts';
import { workerService } from '../worker/service.ts';

export interface ServiceEntry {
  definition: ServiceDefinition;
  /** Its process entry point, from the repository root; the images run it compiled (`dist/….js`). */
  entry: string;
  /** The image that ships it: the platform's own, or the stand-ins for what others run. */
  image: 'platform' | 'mocks';
  /** How the launcher wires it to the others. */
  role: ServiceRole;
}

export type ServiceRole = 'agency' | 'subgraph' | 'module' | 'provider' | 'gateway' | 'worker';

/**
 * Every process there is, in the order they start: what docker-compose.yml, .env.example and
 * the Dockerfile are checked against, and what the development launcher runs.
 */
export const SERVICES: readonly ServiceEntry[] = [
  { definition: cpfService, entry: 'mocks/agencies/cpf/server.ts', image: 'mocks', role: 'agency' },
  { definition: rgcuService, entry: 'mocks/agencies/rgcu/server.ts', image: 'mocks', role: 'agency' },
  { definition: cafService, entry: 'mocks/agencies/caf/server.ts', image: 'mocks', role: 'agency' },
  { definition: franceTravailService, entry: 'mocks/agencies/france-travail/server.ts', image: 'mocks', role: 'agency' },
  { definition: identityService, entry: 'subgraphs/identity/server.ts', image: 'platform', role: 'subgraph' },
  { definition: trainingService, entry: 'subgraphs/training/server.ts', image: 'platform', role: 'subgraph' },
  { definition: retirementService, entry: 'subgraphs/retirement/server.ts', image: 'platform', role: 'subgraph' },
  { definition: familyService, entry: 'subgraphs/family/server.ts', image: 'platform', role: 'subgraph' },
  { definition: employmentService, entry: 'subgraphs/employment/server.ts', image: 'platform', role: 'subgraph' },
  { definition: accountService, entry: 'subgraphs/account/server.ts', image: 'platform', role: 'subgraph' },
  { definition: orientationService, entry: 'modules/orientation/server.ts', image: 'mocks', role: 'module' },
  { definition: offresService, entry: 'modules/offres/server.ts', image: 'mocks', role: 'module' },
  { definition: providerService, entry: 'mocks/franceconnect/server.ts', image: 'mocks', role: 'provider' },
  { definition: gatewayService, entry: 'gateway/src/server.ts', image: 'platform', role: 'gateway' },
  // Last: it delivers declarations to the subgraphs, and reads the subscribers' alerts through the gateway.
  { definition: workerService, entry: 'worker/server.ts', image: 'platform', role: 'worker' },
];

/** Every variable a service reads by name, from its configuration module. */
export const variablesOf = (entry: ServiceEntry): string[] => Object.keys(entry.definition.env.shape);

/** Whether a service reads a variable, by name or by form. */
export const reads = (entry: ServiceEntry, variable: string): boolean =>
  variablesOf(entry).includes(variable) || (entry.definition.variablePatterns ?? []).some((pattern) => pattern.test(variable));

/** What the development launcher itself reads (dev/platform.ts): the ports of its SMTP catcher and of the page listing what it caught. */
export const LAUNCHER_VARIABLES = ['SMTP_CATCHER_PORT', 'SMTP_CATCHER_WEB_PORT'] as const;

/** Every service on a free port: each `*_PORT` variable any service or the launcher reads, at 0 (tests, the bench). */
export const ON_FREE_PORTS: Readonly<Record<string, string>> = Object.fromEntries(
  [...SERVICES.flatMap(variablesOf), ...LAUNCHER_VARIABLES]
    .filter((variable) => variable.endsWith('_PORT'))
    .map((variable) => [variable, '0']),
);
