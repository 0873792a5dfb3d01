import type { PeerRow, SoakResult } from './report.ts';
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

/** The issue's targets, each PASS or FAIL; a run with failed answers fails the targets it measured. */
export function evaluateTargets(rows: PeerRow[], soak: SoakResult | undefined, settings: BenchSettings): TargetResult[] {
  const row = (workload: string, id: string) => rows.find((r) => r.workload === workload && r.peer.id === id);
  const ratio = (workload: string, peer: string): TargetResult['measured'] => {
    const ours = row(workload, 'a');
    const theirs = row(workload, peer);
    return ours && theirs ? `${(ours.result.rps / theirs.result.rps).toFixed(2)}×` : 'peer not measured';
  };
  const clean = (r: PeerRow | undefined) => r !== undefined && r.result.failures === 0;
  const w1 = row('W1', 'a');
  const w2 = row('W2', 'a');
  const w3 = row('W3', 'a');
  const targets: TargetResult[] = [];

  for (const [peer, factor] of [['c', 1.3], ['b', 2]] as const) {
    const theirs = row('W1', peer);
    targets.push({
      target: `W1 rps ≥ ${factor}× ${theirs?.peer.name ?? peer}`,
      measured: ratio('W1', peer),
      pass: clean(w1) && theirs !== undefined && w1!.result.rps >= factor * theirs.result.rps,
    });
  }
  targets.push({
    target: `W2 p50 ≤ 25 ms and p99 ≤ 60 ms at ${settings.workloads.W2.connections} connections`,
    measured: w2 ? `p50 ${w2.result.p50.toFixed(1)} ms, p99 ${w2.result.p99.toFixed(1)} ms` : 'not measured',
    pass: clean(w2) && w2!.result.p50 <= 25 && w2!.result.p99 <= 60,
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
    target: 'Gateway RSS ≤ 300 MB under W1',
    measured: w1 ? `${(w1.rssMaxBytes / MB).toFixed(0)} MB at most` : 'not measured',
    pass: w1 !== undefined && w1.rssMaxBytes <= 300 * MB,
  });
  const growth = soak ? soakGrowth(soak.samples) : Number.NaN;
  targets.push({
    target: `RSS growth < 10% over a ${settings.soakSeconds >= 300 ? '5-minute' : `${settings.soakSeconds} s (not 5-minute)`} soak`,
    measured: soak
      ? `${(growth * 100).toFixed(1)}% (${(soak.samples[0]! / MB).toFixed(0)} → ${(soak.samples.at(-1)! / MB).toFixed(0)} MB; heap ${(soak.heapSamples[0]! / MB).toFixed(0)} → ${(soak.heapSamples.at(-1)! / MB).toFixed(0)} MB), ${soak.requests} requests`
      : 'not measured',
    pass: soak !== undefined && soak.failures === 0 && growth < 0.1,
  });
  return targets;
}
