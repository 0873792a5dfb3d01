import type { FastifyInstance } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import { listenApp, type Listening } from '../common/listen.ts';
import type { ModuleRegistration } from '../common/modules.ts';
import { build as buildOffres } from '../modules/offres/app.ts';
import { build as buildOrientation } from '../modules/orientation/app.ts';

/** Modules whose code ships in this repository, so that `npm start` runs them too. Others run elsewhere. */
const SHIPPED: Readonly<Record<string, (options: { tokenKey: CryptoKey | KeyObject }) => Promise<FastifyInstance>>> = {
  orientation: buildOrientation,
  offres: buildOffres,
};

export interface StartModulesOptions {
  host?: string;
  ports?: Partial<Record<string, number>>;
  /** The registered modules; those shipped here are started. */
  modules: readonly ModuleRegistration[];
  tokenKey: CryptoKey | KeyObject;
}

export interface RunningModules {
  /** GraphQL endpoint per started module. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

export async function startModules(options: StartModulesOptions): Promise<RunningModules> {
  const listening: Array<[string, Listening]> = [];
  try {
    for (const { name } of options.modules) {
      const build = SHIPPED[name];
      if (!build) continue;
      const app = await build({ tokenKey: options.tokenKey });
      listening.push([name, await listenApp(app, { host: options.host, port: options.ports?.[name] ?? 0 })]);
    }
  } catch (error) {
    await Promise.all(listening.map(([, l]) => l.close()));
    throw error;
  }
  return {
    urls: Object.fromEntries(listening.map(([name, l]) => [name, `${l.url}/graphql`])),
    close: async () => {
      await Promise.all(listening.map(([, l]) => l.close()));
    },
  };
}
