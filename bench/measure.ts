import type { AgencyName } from '../mocks/agencies/index.ts';
import type { BackendInfo } from './backend.ts';
import type { Usage } from './child.ts';
import { procUsage } from './deployed.ts';
import type { BenchProcess } from './processes.ts';

/** What the agencies and subgraphs served, read from their own counters (agency /__control/stats, subgraph /metrics). */
export interface UpstreamCounts {
  agencies: Record<AgencyName, number>;
  subgraphs: number;
}

export async function resetAgencyStats(backend: BackendInfo): Promise<void> {
  await Promise.all(Object.values(backend.agencyUrls).map((url) => fetch(`${url}/__control/stats`, { method: 'DELETE' })));
}

/** Sets every agency's added latency (W2), or puts it back to none. */
export async function setAgencyLatency(backend: BackendInfo, latencyMs: number): Promise<void> {
  await Promise.all(
    Object.values(backend.agencyUrls).map((url) =>
      fetch(`${url}/__control`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latency_ms: latencyMs }) }),
    ),
  );
}

export async function upstreamCounts(backend: BackendInfo): Promise<UpstreamCounts> {
  const agencies = Object.fromEntries(
    await Promise.all(
      Object.entries(backend.agencyUrls).map(async ([agency, url]) => {
        const stats = (await (await fetch(`${url}/__control/stats`)).json()) as { requests_total: number };
        return [agency, stats.requests_total];
      }),
    ),
  ) as Record<AgencyName, number>;
  let subgraphs = 0;
  for (const url of Object.values(backend.subgraphUrls)) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    for (const match of text.matchAll(/^http_server_requests_total\{[^}]*route="\/graphql"[^}]*\} (\d+)$/gm)) subgraphs += Number(match[1]);
  }
  return { agencies, subgraphs };
}

export function countsSince(before: UpstreamCounts, after: UpstreamCounts): UpstreamCounts {
  const agencies = { ...after.agencies };
  for (const agency of Object.keys(agencies) as AgencyName[]) agencies[agency] -= before.agencies[agency];
  return { agencies, subgraphs: after.subgraphs - before.subgraphs };
}

/** Samples a process's memory every `intervalMs` until stopped. */
export function sampleMemory(process: BenchProcess<unknown>, intervalMs: number): { stop(): Promise<Usage[]> } {
  const samples: Usage[] = [];
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(async () => {
      const usage = await process.usage();
      if (Number.isFinite(usage.rssBytes)) samples.push(usage);
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return samples;
    },
  };
}

/** One deployed process over a timed run: its CPU time and its largest resident memory. */
export interface ProcessUsage {
  name: string;
  cpuMicros: number;
  rssMaxBytes: number;
}

/**
 * Reads each process's CPU time and memory from /proc every `intervalMs` (and at start and
 * stop); stop() gives each one's CPU time over the run and its largest RSS. A process that is
 * gone (the identity subgraph restarted on another database) counts until it went.
 */
export function sampleProcesses(pids: Map<string, number>, intervalMs: number): { stop(): ProcessUsage[] } {
  const first = new Map([...pids].map(([name, pid]) => [name, procUsage(pid)]));
  const last = new Map(first);
  const rssMax = new Map([...first].map(([name, usage]) => [name, usage.rssBytes]));
  const sample = () => {
    for (const [name, pid] of pids) {
      const usage = procUsage(pid);
      if (!Number.isFinite(usage.cpuMicros)) continue;
      last.set(name, usage);
      rssMax.set(name, Math.max(rssMax.get(name) ?? 0, usage.rssBytes));
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...pids.keys()].map((name) => ({
        name,
        cpuMicros: last.get(name)!.cpuMicros - first.get(name)!.cpuMicros,
        rssMaxBytes: rssMax.get(name)!,
      }));
    },
  };
}
