import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { LoadResult } from './load.ts';
import type { UpstreamCounts } from './measure.ts';
import type { BenchSettings, Peer } from './run.ts';
import type { TargetResult } from './targets.ts';
import type { WorkloadName } from './workloads.ts';

/** One deployed process other than the gateway over one timed run. */
export interface ProcessRow {
  name: string;
  /** The platform's own (a subgraph), or a stand-in for what it calls (agency, module, provider). */
  role: 'subgraph' | 'mock' | 'gateway';
  cpuMicros: number;
  cpuMsPerRequest: number;
  rssMaxBytes: number;
}

export interface PeerRow {
  workload: WorkloadName;
  /** The workload as the tables name it: `W3 (PGlite)` for W3 on the embedded database. */
  label: string;
  peer: Peer;
  result: LoadResult;
  cpuMsPerRequest: number;
  rssMaxBytes: number;
  heapMaxBytes: number;
  /** Every deployed process but the gateway, over the same run. */
  processes: ProcessRow[];
  upstream: UpstreamCounts;
  /** W3: agency calls counted for a fixed number of requests. */
  exact?: { requests: number; agencies: UpstreamCounts['agencies'] };
}

export interface SoakResult {
  seconds: number;
  requests: number;
  failures: number;
  /** RSS of peer (a), in bytes, in order. */
  samples: number[];
}

export interface RunDescription {
  date: string;
  commit: string;
  command: string;
  machine: string;
  versions: string;
}

const ROOT = new URL('../', import.meta.url);

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(new URL(`node_modules/${pkg}/package.json`, ROOT), 'utf8')) as { version: string }).version;
}

export async function describeRun(args: string[]): Promise<RunDescription> {
  const git = (...command: string[]) => execFileSync('git', command, { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    machine: `${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start, ${process.platform} ${process.arch}`,
    versions: [
      `Node ${process.version}`,
      ...['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', 'graphql', 'undici', 'fastify', 'autocannon'].map(
        (pkg) => `${pkg} ${versionOf(pkg)}`,
      ),
    ].join(', '),
  };
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** The subgraphs' CPU per answered request, in ms, over the run. */
export const subgraphCpuMs = (row: PeerRow) => row.processes.filter((p) => p.role === 'subgraph').reduce((sum, p) => sum + p.cpuMsPerRequest, 0);
/** The platform's own CPU per answered request: the gateway's and its subgraphs'. */
export const platformCpuMs = (row: PeerRow) => row.cpuMsPerRequest + subgraphCpuMs(row);
const mocksCpuMs = (row: PeerRow) => row.processes.filter((p) => p.role === 'mock').reduce((sum, p) => sum + p.cpuMsPerRequest, 0);

function table(rows: PeerRow[]): string {
  const lines = [
    '| workload | peer | rps | rps ÷ (a) | p50 ms | p95 ms | p99 ms | CPU ms/req | subgraphs CPU ms/req | platform CPU ms/req | mocks CPU ms/req | RSS MB | heap MB | agency calls/req | subgraph calls/req | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const ours = rows.find((r) => r.label === row.label && r.peer.id === 'a')!;
    const n = Math.max(1, row.result.requests);
    const agencyCalls = Object.values(row.upstream.agencies).reduce((a, b) => a + b, 0);
    const floor = row.peer.kind === 'floor';
    lines.push(
      `| ${row.label} | (${row.peer.id}) ${row.peer.name} | ${fixed(row.result.rps, 0)} | ${fixed(row.result.rps / ours.result.rps, 2)} | ${fixed(row.result.p50)} | ${fixed(row.result.p95)} | ${fixed(row.result.p99)} | ${fixed(row.cpuMsPerRequest, 2)} | ${floor ? '—' : fixed(subgraphCpuMs(row), 2)} | ${floor ? '—' : fixed(platformCpuMs(row), 2)} | ${fixed(mocksCpuMs(row), 2)} | ${fixed(row.rssMaxBytes / 2 ** 20, 0)} | ${fixed(row.heapMaxBytes / 2 ** 20, 0)} | ${fixed(agencyCalls / n, 2)} | ${floor ? '—' : fixed(row.upstream.subgraphs / n, 2)} | ${row.result.failures} |`,
    );
  }
  return lines.join('\n');
}

/** Each deployed process under peer (a)'s runs: CPU ms per answered request and largest RSS, with each one's time to ready. */
function processTable(rows: PeerRow[], readyMs: Record<string, number>): string {
  const ours = rows.filter((row) => row.peer.id === 'a');
  const names = [...new Set(ours.flatMap((row) => row.processes.map((p) => p.name)))];
  const lines = [
    `| process | role | ready ms | ${ours.map((row) => `${row.label} CPU ms/req | ${row.label} RSS MB`).join(' | ')} |`,
    `|---|---|--:|${ours.map(() => '--:|--:|').join('')}`,
    `| gateway-1 | gateway | ${readyMs['gateway-1'] ?? '—'} | ${ours.map((row) => `${fixed(row.cpuMsPerRequest, 2)} | ${fixed(row.rssMaxBytes / 2 ** 20, 0)}`).join(' | ')} |`,
  ];
  for (const name of names) {
    const cells = ours.map((row) => {
      const p = row.processes.find((q) => q.name === name);
      return p ? `${fixed(p.cpuMsPerRequest, 2)} | ${fixed(p.rssMaxBytes / 2 ** 20, 0)}` : '— | —';
    });
    const role = ours.flatMap((row) => row.processes).find((p) => p.name === name)!.role;
    lines.push(`| ${name} | ${role} | ${readyMs[name] ?? '—'} | ${cells.join(' | ')} |`);
  }
  lines.push(`| **platform (gateway + subgraphs)** | | | ${ours.map((row) => `**${fixed(platformCpuMs(row), 2)}** | —`).join(' | ')} |`);
  return lines.join('\n');
}

export function renderResults(report: {
  run: RunDescription;
  settings: BenchSettings;
  rows: PeerRow[];
  soak: SoakResult | undefined;
  targets: TargetResult[];
  notStarted: Array<{ peer: Peer; reason: string }>;
  /** `short` or `smoke` runs say so in the title. */
  variant: 'full' | 'short' | 'smoke';
  citizens: number;
  gatewayFlags: string[];
  /** Each deployed process's time from spawn to its healthcheck passing. */
  readyMs: Record<string, number>;
  /** Where the identity subgraph keeps consents and the journal in the main runs. */
  database: 'PostgreSQL' | 'PGlite';
}): string {
  const { run, settings, rows, targets } = report;
  const w = settings.workloads;
  return `# Benchmark results${{ full: '', short: ' (short run)', smoke: ' (smoke run: checks the harness, measures nothing)' }[report.variant]}

- **Commit**: ${run.commit}, ${run.date}
- **Command**: \`${run.command}\`
- **Machine**: ${run.machine}
- **Versions**: ${run.versions}
- **Workloads** (each peer: ${settings.warmupSeconds} s warm-up, then timed):
  - W1 dashboard: \`MonCompte\` (every section of \`me\`) for ${report.citizens} signed-in citizens in turn (the 6 personas, then persons every agency knows; each connection starts at its own place in the list), ${w.W1.connections} connections, ${w.W1.seconds} s, agencies at no added latency.
  - W2 latency-bound: the same, agencies at ${w.W2.agencyLatencyMs} ms, ${w.W2.connections} connections each sending one request every ${w.W2.intervalMs} ms on its own schedule (${(w.W2.connections * 1000) / (w.W2.intervalMs ?? 1)} requests/s in all, evenly spread: bench/load.ts runPaced), ${w.W2.seconds} s.
  - W3 caseload: \`SuiviBeneficiaires\`, a third party lists its ${100} consenting beneficiaries with two sections, ${w.W3.connections} connections, ${w.W3.seconds} s; then ${settings.exactRequests} requests one by one, counted at each agency.
  - Soak: peer (a) under W1's load for ${settings.soakSeconds} s, RSS every ${settings.soakSampleSeconds} s.
- **Auth path**: (a) receives pre-minted sessions (written to its Redis before it starts, as a FranceConnect login leaves them) and does its whole per-request work: session lookup, claims, internal tokens (minted once per person and subgraph for most of their minute), the access journal. (b) and (c) cannot log anyone in: for each request they receive the internal token of every subgraph, minted by the bench with the gateway's key exactly as (a) mints them, and forward it. They do less than (a). W3: (a) verifies the third party's bearer token, reads its consents and journals every read; (b) and (c) receive the resulting tokens. (d) is sent which person to read. Method and findings: [bench/README.md](README.md).
- **As deployed**: the platform's gateway (a), its six subgraphs, the modules, the mock provider and the four mock agencies run as docker-compose.yml runs them, each its own \`node dist/…\` process with compose's environment (bench/deployed.ts, tests/deployed/topology.ts); the gateway with its containers' Node flags \`${report.gatewayFlags.join(' ') || 'none'}\`. Consents and the access journal: ${report.database === 'PostgreSQL' ? 'PostgreSQL (DATABASE_URL), and the embedded PGlite in the row `W3 (PGlite)`' : 'the identity process\'s embedded PGlite (DATABASE_URL unset)'}. The other peers run from source with Node's defaults and \`NODE_ENV=production\`.
- CPU ms/req is a process's CPU time (user + system, from /proc/<pid>/stat) over the timed run, divided by the peer's answers; *subgraphs* sums the six subgraphs, *platform* is the peer's own plus its subgraphs', *mocks* the agencies, modules and provider. RSS and heap (V8's heap in use, known for the forked peers only) are the most sampled every 0.5 s. Calls per request are counted at the agencies and subgraphs over the timed run, so they include the calls of the requests still in flight when it ended; W3's exact count is the target's.
${report.notStarted.map(({ peer, reason }) => `- **(${peer.id}) ${peer.name} did not start**: ${reason}\n`).join('')}
## Targets

| target | measured | result |
|---|---|---|
${targets.map((t) => `| ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'FAIL'} |`).join('\n')}

## All measurements

${table(rows)}

## Each process, under the platform's gateway (a)

${processTable(rows, report.readyMs)}
`;
}
