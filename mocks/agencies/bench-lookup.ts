/**
 * Single-lookup throughput of one agency on loopback: the server in this process, the load
 * from a child process (its own CPU and event loop) through an undici pool.
 *
 *   npx tsx mocks/agencies/bench-lookup.ts [agency=cpf] [seconds=5] [connections=50]
 *
 * Bounded: 30 s and 200 connections at most, 127.0.0.1 only.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { generatePopulation } from '../population/generate.ts';
import { identiteFromPivot } from '../../contract/identite.ts';
import { identiteSearchParams } from '../population/identite.ts';
import { pivotsKnownTo } from '../population/slices.ts';
import { AGENCY_NAMES, type AgencyName } from '../population/types.ts';
import { buildCaf, buildCpf, buildFranceTravail, buildRgcu, DEFAULT_API_KEYS } from './index.ts';

const MAX_SECONDS = 30;
const MAX_CONNECTIONS = 200;

interface Load {
  url: string;
  apiKey: string;
  paths: string[];
  seconds: number;
  connections: number;
}

interface Result {
  requests: number;
  errors: number;
  latenciesMs: number[];
  elapsedMs: number;
}

/** Set in the load generator's environment. */
const LOAD_ROLE = 'BENCH_LOOKUP_LOAD';

if (process.env[LOAD_ROLE] === undefined) {
  await main(process.argv.slice(2));
} else {
  process.once('message', async (job: Load) => {
    process.send?.(await load(job));
  });
}

async function main(args: string[]): Promise<void> {
  const agency = (args[0] ?? 'cpf') as AgencyName;
  if (!AGENCY_NAMES.includes(agency)) throw new Error(`agency must be one of ${AGENCY_NAMES.join(', ')}`);
  const seconds = Math.min(Number(args[1] ?? 5), MAX_SECONDS);
  const connections = Math.min(Number(args[2] ?? 50), MAX_CONNECTIONS);
  const population = generatePopulation({ seed: 1, size: 10_000, today: '2026-11-10' });
  const build = { cpf: buildCpf, rgcu: buildRgcu, caf: buildCaf, 'france-travail': buildFranceTravail }[agency];
  const app = build({ population });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  const paths = pivotsKnownTo(population, agency).map(
    (pivot) => `/v1/dossiers/identite?${identiteSearchParams(identiteFromPivot(pivot))}`,
  );
  const job: Load = { url: `http://127.0.0.1:${address.port}`, apiKey: DEFAULT_API_KEYS[agency], paths, seconds, connections };
  const generator = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [LOAD_ROLE]: '1' },
  });
  const result = await new Promise<Result>((resolve, reject) => {
    generator.once('message', (message) => resolve(message as Result));
    generator.once('error', reject);
    generator.send(job);
  });
  generator.kill();
  await app.close();
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  const percentile = (p: number): string => (sorted[Math.floor((sorted.length - 1) * p)] ?? 0).toFixed(2);
  console.log(
    `${agency}: ${result.requests} lookups in ${(result.elapsedMs / 1000).toFixed(1)} s over ${connections} connections, ` +
      `${Math.round((result.requests / result.elapsedMs) * 1000)} req/s, p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms, ` +
      `${result.errors} errors (${paths.length} people known, population of ${population.persons.length})`,
  );
}

/** Keeps `connections` lookups in flight until time is up, cycling through the known people. */
async function load(job: Load): Promise<Result> {
  const pool = new Pool(job.url, { connections: job.connections });
  const result: Result = { requests: 0, errors: 0, latenciesMs: [], elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  let next = 0;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const path = job.paths[next++ % job.paths.length] as string;
      const sent = performance.now();
      const response = await pool.request({ method: 'GET', path, headers: { 'x-api-key': job.apiKey } });
      await response.body.arrayBuffer();
      result.latenciesMs.push(performance.now() - sent);
      result.requests += 1;
      if (response.statusCode !== 200) result.errors += 1;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, client));
  result.elapsedMs = performance.now() - started;
  await pool.close();
  return result;
}
