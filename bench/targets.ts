import { GATEWAY, PLATFORM_SERVICES } from './deployed.ts';
import { platformCpuMs, type PeerRow, type SoakResult } from './report.ts';
import type { BenchSettings } from './run.ts';

export interface TargetResult {
  target: string;
  measured: string;
  pass: boolean;
}

const MB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** RSS growth over the soak: the median of its last fifth against the median of its first fifth (after warm-up). */
export function soakGrowth(samples: number[]): number {
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  return median(samples.slice(-fifth)) / median(samples.slice(0, fifth)) - 1;
}

/** Issue 18's targets, each PASS or FAIL, as ratios to peers measured in the same run; a run with failed answers fails the targets it measured. */
export function evaluateTargets(
  rows: PeerRow[],
  soak: SoakResult | undefined,
  settings: BenchSettings,
  run: { readyMs: Record<string, number>; database: 'PostgreSQL' | 'PGlite' },
): TargetResult[] {
  const row = (label: string, id: string) => rows.find((r) => r.label === label && r.peer.id === id);
  const clean = (r: PeerRow | undefined): r is PeerRow => r !== undefined && r.result.failures === 0;
  const notMeasured = { measured: 'not measured', pass: false };
  const targets: TargetResult[] = [];

  const w1 = row('W1', 'a');
  const w1Floor = row('W1', 'd');
  targets.push({
    target: 'W1: the platform reaches ≥ 40% of the floor’s requests/s',
    ...(w1 && w1Floor
      ? { measured: `${((100 * w1.result.rps) / w1Floor.result.rps).toFixed(0)}% (${w1.result.rps.toFixed(0)} against ${w1Floor.result.rps.toFixed(0)} rps)`, pass: clean(w1) && clean(w1Floor) && w1.result.rps >= 0.4 * w1Floor.result.rps }
      : notMeasured),
  });
  targets.push({
    target: 'W1: the platform’s own CPU per dashboard (gateway + subgraphs) ≤ 4 ms',
    ...(w1 ? { measured: `${platformCpuMs(w1).toFixed(2)} ms (gateway ${w1.cpuMsPerRequest.toFixed(2)}, subgraphs ${(platformCpuMs(w1) - w1.cpuMsPerRequest).toFixed(2)})`, pass: clean(w1) && platformCpuMs(w1) <= 4 } : notMeasured),
  });
  const w1Stock = row('W1', 'b');
  targets.push({
    target: 'W1: the gateway’s own CPU per request ≤ 0.4× stock @apollo/gateway’s',
    ...(w1 && w1Stock
      ? { measured: `${(w1.cpuMsPerRequest / w1Stock.cpuMsPerRequest).toFixed(2)}× (${w1.cpuMsPerRequest.toFixed(2)} against ${w1Stock.cpuMsPerRequest.toFixed(2)} ms)`, pass: clean(w1) && clean(w1Stock) && w1.cpuMsPerRequest <= 0.4 * w1Stock.cpuMsPerRequest }
      : notMeasured),
  });

  const w2 = row('W2', 'a');
  const w2Floor = row('W2', 'd');
  const rate = (settings.workloads.W2.connections * 1000) / (settings.workloads.W2.intervalMs ?? 1);
  targets.push({
    target: `W2 at ${rate} requests/s: p50 ≤ the floor’s + 3 ms, p99 ≤ the floor’s + 15 ms`,
    ...(w2 && w2Floor
      ? {
          measured: `p50 ${w2.result.p50.toFixed(1)} against ${w2Floor.result.p50.toFixed(1)} ms (+${(w2.result.p50 - w2Floor.result.p50).toFixed(1)}), p99 ${w2.result.p99.toFixed(1)} against ${w2Floor.result.p99.toFixed(1)} ms (+${(w2.result.p99 - w2Floor.result.p99).toFixed(1)})`,
          pass: clean(w2) && clean(w2Floor) && w2.result.p50 <= w2Floor.result.p50 + 3 && w2.result.p99 <= w2Floor.result.p99 + 15,
        }
      : notMeasured),
  });

  const w3 = row('W3', 'a');
  const w3Stock = row('W3', 'b');
  const onPostgres = run.database === 'PostgreSQL';
  targets.push({
    target: 'W3 with PostgreSQL: ≥ 2× stock @apollo/gateway’s requests/s',
    ...(w3 && w3Stock && onPostgres
      ? { measured: `${(w3.result.rps / w3Stock.result.rps).toFixed(2)}× (${w3.result.rps.toFixed(0)} against ${w3Stock.result.rps.toFixed(0)} rps)`, pass: clean(w3) && clean(w3Stock) && w3.result.rps >= 2 * w3Stock.result.rps }
      : { measured: onPostgres ? 'not measured' : 'not measured: DATABASE_URL is unset (PGlite)', pass: false }),
  });
  targets.push({
    target: 'W3 with PostgreSQL: p50 ≤ 150 ms for 100 beneficiaries',
    ...(w3 && onPostgres ? { measured: `p50 ${w3.result.p50.toFixed(1)} ms`, pass: clean(w3) && w3.result.p50 <= 150 } : notMeasured),
  });
  const exact = w3?.exact;
  targets.push({
    target: 'W3 exactly one call per agency per request',
    measured: exact
      ? `${exact.requests} requests: ${Object.entries(exact.agencies).map(([agency, calls]) => `${agency} ${calls}`).join(', ')}`
      : 'not measured',
    pass:
      clean(w3) &&
      exact !== undefined &&
      exact.agencies.caf === exact.requests &&
      exact.agencies['france-travail'] === exact.requests &&
      exact.agencies.cpf === 0 &&
      exact.agencies.rgcu === 0,
  });

  targets.push({
    target: 'Gateway RSS ≤ 200 MB under W1',
    ...(w1 ? { measured: `${(w1.rssMaxBytes / MB).toFixed(0)} MB at most`, pass: w1.rssMaxBytes <= 200 * MB } : notMeasured),
  });
  const growth = soak ? soakGrowth(soak.samples) : Number.NaN;
  targets.push({
    target: `RSS growth < 10% over a ${settings.soakSeconds >= 300 ? '5-minute' : `${settings.soakSeconds} s (not 5-minute)`} soak`,
    measured: soak
      ? `${(growth * 100).toFixed(1)}% (${(soak.samples[0]! / MB).toFixed(0)} → ${(soak.samples.at(-1)! / MB).toFixed(0)} MB), ${soak.requests} requests`
      : 'not measured',
    pass: soak !== undefined && soak.failures === 0 && growth < 0.1,
  });
  // The platform's processes; the mock agencies generate their population at start, as no agency does.
  const platform = new Set<string>([GATEWAY, ...PLATFORM_SERVICES]);
  const slowest = Object.entries(run.readyMs).filter(([name]) => platform.has(name)).sort((a, b) => b[1] - a[1]);
  targets.push({
    target: 'Each process of the platform ready within 2 s of its start, from dist/',
    measured: slowest.length ? `slowest ${slowest.slice(0, 3).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}` : 'not measured',
    pass: slowest.length > 0 && slowest.every(([, ms]) => ms <= 2000),
  });
  return targets;
}
