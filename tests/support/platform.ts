import { request } from 'undici';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../dev/platform.ts';
import { ON_FREE_PORTS } from '../../dev/services.ts';
import { Browser, signIn } from './browser.ts';
import { dropSchema, uniqueSchema } from './database.ts';

/** The date the test population and the subgraphs' rules are evaluated at, so figures are exact. */
export const TEST_TODAY = '2026-11-10';

/**
 * How long an open circuit (an agency or subgraph that failed repeatedly) pauses calls in tests:
 * short, so that a test putting an agency back finds it answering after this much.
 */
export const TEST_CIRCUIT_HALF_OPEN_MS = 200;

/**
 * The whole platform through the development launcher, on port 0, with a small population, a
 * fixed date and quickly recovering circuits: `env` is any variable of any service (.env.example),
 * over these. Consents, the journal, the declarations and the job queue go to PostgreSQL in a
 * schema of this platform's own when DATABASE_URL is set (dropped at close), to PGlite otherwise.
 */
export async function startTestPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const databaseUrl = options.env?.DATABASE_URL ?? process.env.DATABASE_URL;
  const schema = options.env?.DATABASE_SCHEMA ?? uniqueSchema();
  const dropOwnSchema = async () => {
    // Through the server itself: a test may have given a relay it has cut by now.
    if (databaseUrl) await dropSchema(process.env.DATABASE_URL ?? databaseUrl, schema);
  };
  try {
    const platform = await startPlatform({
      now: () => new Date(`${TEST_TODAY}T12:00:00Z`),
      ...options,
      env: {
        ...ON_FREE_PORTS,
        POPULATION_SEED: '42',
        POPULATION_SIZE: '200',
        POPULATION_TODAY: TEST_TODAY,
        AGENCY_CIRCUIT_HALF_OPEN_MS: String(TEST_CIRCUIT_HALF_OPEN_MS),
        SUBGRAPH_CIRCUIT_HALF_OPEN_MS: String(TEST_CIRCUIT_HALF_OPEN_MS),
        // A schema of its own on PostgreSQL, and so an embedded database of its own on PGlite
        // (one per schema per process): two platforms in one test never share rows.
        DATABASE_SCHEMA: schema,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...options.env,
      },
    });
    return {
      ...platform,
      close: async () => {
        await platform.close();
        await dropOwnSchema();
      },
    };
  } catch (error) {
    await dropOwnSchema();
    throw error;
  }
}

/** Waits out an open circuit's pause: the next call is the probe that closes it. */
export function waitForCircuits(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, TEST_CIRCUIT_HALF_OPEN_MS + 50));
}

/** Signs a persona in through the gateway and the provider's own form; returns the browser holding the session. */
export async function logIn(platform: RunningPlatform, login: string, browser = new Browser()): Promise<Browser> {
  const start = await browser.get(`${platform.gatewayUrl}/auth/login`);
  if (start.status !== 302 || !start.location) throw new Error(`/auth/login answered ${start.status}`);
  const callback = await signIn(browser, start.location, login, DEMO_PASSWORD);
  if (!callback.location || callback.location.origin !== new URL(platform.gatewayUrl).origin) {
    throw new Error(`login of ${login} stopped at ${callback.url.href} (${callback.status})`);
  }
  const landed = await browser.get(callback.location);
  if (landed.status !== 302) throw new Error(`callback answered ${landed.status}: ${landed.body.slice(0, 200)}`);
  return browser;
}

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

/** Posts a GraphQL operation to the gateway with the browser's cookies. */
export async function graphql(
  platform: RunningPlatform,
  browser: Browser | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const origin = new URL(platform.gatewayUrl).origin;
  const cookie = browser?.cookieHeader(origin);
  const response = await request(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.statusCode, body: (await response.body.json()) as GraphQLResponse['body'] };
}

/** Sets a fault or latency on one mock agency through its control endpoint. */
export async function controlAgency(url: string, state: { fault?: string | null; latency_ms?: number; jitter_ms?: number }) {
  const response = await request(`${url}/__control`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(state),
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`control answered ${response.statusCode}`);
}

export async function resetAgency(url: string) {
  const response = await request(`${url}/__control`, { method: 'DELETE' });
  await response.body.dump();
}
