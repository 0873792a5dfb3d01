/**
 * Time to generate the population, cold (the first generation of a process, as at server
 * start) and warm.
 *
 *   npx tsx mocks/population/bench-generate.ts [size=10000]
 */
import { generatePopulation } from './generate.ts';
import { AGENCY_NAMES } from './types.ts';

const size = Number(process.argv[2] ?? 10_000);
const options = { seed: 1, size, today: '2026-11-10' };

let started = performance.now();
const population = generatePopulation(options);
const coldMs = performance.now() - started;
started = performance.now();
generatePopulation(options);
const warmMs = performance.now() - started;

const known = AGENCY_NAMES.map((agency) => `${agency} ${population.persons.filter((p) => p.dossiers[agency] !== null).length}`);
console.log(
  `${population.persons.length} people (${size} generated): cold ${coldMs.toFixed(0)} ms, warm ${warmMs.toFixed(0)} ms; ` +
    `known to ${known.join(', ')}; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
