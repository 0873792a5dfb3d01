import type { Logger } from '../../common/observability/logging.ts';
import type { AgencyName, Population } from '../population/types.ts';
import { build as buildCaf } from './caf/app.ts';
import type { AgencyServer } from './common/app.ts';
import { DEFAULT_API_KEYS } from './common/options.ts';
import { build as buildCpf } from './cpf/app.ts';
import { build as buildFranceTravail } from './france-travail/app.ts';
import { build as buildRgcu } from './rgcu/app.ts';

export type { AgencyName } from '../population/types.ts';
export type { AgencyServer } from './common/app.ts';
export type { AgencyControl, ControlState, Fault, RequestStats } from './common/control.ts';
export { FAULTS, SLOW_FAULT_MS } from './common/control.ts';
export { DEFAULT_API_KEYS, DEFAULT_PORTS, type BuildOptions } from './common/options.ts';
export { buildCaf, buildCpf, buildFranceTravail, buildRgcu };

type Build = (options: { population: Population; apiKey: string; logger?: boolean | Logger; clock?: () => Date }) => AgencyServer;

const BUILDERS: Readonly<Record<AgencyName, Build>> = {
  cpf: buildCpf,
  rgcu: buildRgcu,
  caf: buildCaf,
  'france-travail': buildFranceTravail,
};

export interface StartAgenciesOptions {
  population: Population;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Port per agency; 0 (a free port) for any not given. */
  ports?: Partial<Record<AgencyName, number>>;
  /** API key per agency; the development keys (DEFAULT_API_KEYS) for any not given. */
  apiKeys?: Partial<Record<AgencyName, string>>;
  /** Request logs: one logger per agency (its `service`), or true for stdout. */
  logger?: boolean | ((agency: AgencyName) => Logger);
  /** The servers' clock, for the dates they write; the real time by default. */
  clock?: () => Date;
}

export interface RunningAgencies {
  /** Base URL per agency, without a trailing slash (`http://127.0.0.1:4201`). */
  urls: Record<AgencyName, string>;
  apiKeys: Record<AgencyName, string>;
  /** The servers themselves, for in-process control (`instances.caf.control.set({ fault: 'down' })`). */
  instances: Record<AgencyName, AgencyServer>;
  close(): Promise<void>;
}

/** Starts the four agency systems over one population, each on its own port. */
export async function startAgencies(options: StartAgenciesOptions): Promise<RunningAgencies> {
  const host = options.host ?? '127.0.0.1';
  const agencies = Object.keys(BUILDERS) as AgencyName[];
  const apiKeys = Object.fromEntries(
    agencies.map((agency) => [agency, options.apiKeys?.[agency] ?? DEFAULT_API_KEYS[agency]]),
  ) as Record<AgencyName, string>;
  const instances = Object.fromEntries(
    agencies.map((agency) => [
      agency,
      BUILDERS[agency]({
        population: options.population,
        apiKey: apiKeys[agency],
        logger: typeof options.logger === 'function' ? options.logger(agency) : options.logger,
        clock: options.clock,
      }),
    ]),
  ) as Record<AgencyName, AgencyServer>;
  const close = async (): Promise<void> => {
    await Promise.all(Object.values(instances).map((instance) => instance.close()));
  };
  try {
    const urls = {} as Record<AgencyName, string>;
    for (const agency of agencies) {
      await instances[agency].listen({ host, port: options.ports?.[agency] ?? 0 });
      const address = instances[agency].server.address();
      if (address === null || typeof address === 'string') throw new Error(`${agency} is not listening on TCP`);
      urls[agency] = `http://${urlHost(host)}:${address.port}`;
    }
    return { urls, apiKeys, instances, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A server listening on every interface is reached on loopback; IPv6 hosts need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
