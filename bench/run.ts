// `npm run bench` (README, "Benchmarks"): the platform as deployed (deployed.ts) and its gateway
// against its peers, side by side in one run, on the same supergraph, subgraphs and agencies,
// every process's CPU and memory read apart. Loopback only, bounded.
//
//   npm run bench               full run (about 12 min, build included), written to bench/RESULTS.md
//   npm run bench -- --short    about 4 min, printed only
//   --smoke                      seconds per workload, no targets: the harness works (npm test)
//   options: --out <file>  --peers a,b,c,d  --workloads W1,W2,W3  --soak <seconds, 0: none>  --profile (each deployed process writes a .cpuprofile to bench/profiles/<service>/)
//            --no-build (runs the last build's dist/ as it is: only while profiling one change after another)
import { importJWK, type CryptoKey } from 'jose';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend, type BackendInfo } from './backend.ts';
import { GATEWAY, MOCK_SERVICES, PLATFORM_SERVICES, procUsage } from './deployed.ts';
import { runLoad, runPaced, type LoadRequest } from './load.ts';
import { countsSince, resetAgencyStats, sampleMemory, sampleProcesses, setAgencyLatency, upstreamCounts } from './measure.ts';
import { deployedGatewayFlags } from './peers/deployed-flags.ts';
import type { FloorConfig, PeerInfo } from './peers/peer.ts';
import { ROOT, startProcess, type BenchProcess } from './processes.ts';
import { describeRun, renderResults, type PeerRow, type ProcessRow, type SoakResult } from './report.ts';
import { evaluateTargets } from './targets.ts';
import { CASELOAD, loadCredentials, requestsFor, type Credentials, type PeerKind, type WorkloadName } from './workloads.ts';

export interface Peer {
  id: 'a' | 'b' | 'c' | 'd';
  name: string;
  entry: string;
  kind: PeerKind;
}

export const PEERS: readonly Peer[] = [
  // Started with the platform (deployed.ts): compose's gateway-1, from dist/.
  { id: 'a', name: 'this gateway', entry: 'dist/gateway/src/server.js', kind: 'this-gateway' },
  { id: 'b', name: 'stock @apollo/gateway', entry: 'bench/peers/apollo-gateway.ts', kind: 'token-forwarding' },
  { id: 'c', name: 'Hive Gateway', entry: 'bench/peers/hive-gateway.ts', kind: 'token-forwarding' },
  { id: 'd', name: 'floor (undici, no GraphQL)', entry: 'bench/peers/floor.ts', kind: 'floor' },
];

export interface WorkloadSettings {
  connections: number;
  seconds: number;
  /** Paced load (runPaced): each connection sends once per this many ms; as fast as answered when absent. */
  intervalMs?: number;
  /** Added to every agency answer. */
  agencyLatencyMs: number;
}

export interface BenchSettings {
  /** Load through peer (a) once, before any timing, so the backend is warm for every peer. */
  backendWarmupSeconds: number;
  warmupSeconds: number;
  workloads: Record<WorkloadName, WorkloadSettings>;
  /** Peer (a) under W1's load this long, its memory sampled every soakSampleSeconds. */
  soakSeconds: number;
  soakSampleSeconds: number;
  /** W3's exactness check: this many requests, counted one by one at the agencies. */
  exactRequests: number;
  /** Citizens whose answers are compared across peers before timing. */
  checkedCitizens: number;
}

// W2 measures latency, not queueing: 200 users each send one request every 2 s (100 requests/s
// in all, under what every peer serves on this machine), so the answer time is the query plan's.
/** Signed-in citizens W1 and W2 rotate over: enough that concurrent connections rarely ask for the same person. */
const CITIZENS = 500;

const FULL: BenchSettings = {
  backendWarmupSeconds: 10,
  warmupSeconds: 3,
  workloads: {
    W1: { connections: 50, seconds: 20, agencyLatencyMs: 0 },
    W2: { connections: 200, seconds: 15, intervalMs: 2000, agencyLatencyMs: 20 },
    W3: { connections: 10, seconds: 15, agencyLatencyMs: 0 },
  },
  soakSeconds: 300,
  soakSampleSeconds: 5,
  exactRequests: 50,
  checkedCitizens: CITIZENS,
};
const SHORT: BenchSettings = {
  backendWarmupSeconds: 2,
  warmupSeconds: 1,
  workloads: {
    W1: { connections: 50, seconds: 3, agencyLatencyMs: 0 },
    W2: { connections: 200, seconds: 4, intervalMs: 2000, agencyLatencyMs: 20 },
    W3: { connections: 10, seconds: 3, agencyLatencyMs: 0 },
  },
  soakSeconds: 8,
  soakSampleSeconds: 1,
  exactRequests: 20,
  checkedCitizens: 60,
};

/** Checks the harness itself (tests/e2e/bench.test.ts): every peer starts, agrees and answers without failure. */
const SMOKE: BenchSettings = {
  backendWarmupSeconds: 0,
  warmupSeconds: 0,
  workloads: {
    W1: { connections: 10, seconds: 1, agencyLatencyMs: 0 },
    W2: { connections: 20, seconds: 1, intervalMs: 500, agencyLatencyMs: 20 },
    W3: { connections: 2, seconds: 1, agencyLatencyMs: 0 },
  },
  soakSeconds: 0,
  soakSampleSeconds: 1,
  exactRequests: 3,
  checkedCitizens: 20,
};

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    peers: { type: 'string', default: 'a,b,c,d' },
    workloads: { type: 'string', default: 'W1,W2,W3' },
    soak: { type: 'string' },
  },
});
const chosenPeers = PEERS.filter((peer) => peer.id === 'a' || args.peers.split(',').includes(peer.id));
const chosenWorkloads = (['W1', 'W2', 'W3'] as const).filter((w) => args.workloads.split(',').includes(w));
const settings = { ...(args.smoke ? SMOKE : args.short ? SHORT : FULL) };
if (args.soak !== undefined) settings.soakSeconds = Number(args.soak);
const benchStarted = performance.now();
// Interrupted, the bench still ends through `exit`, where every process it started is killed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const run = await describeRun(process.argv.slice(2));
console.log(`bench: ${args.smoke ? 'smoke' : args.short ? 'short' : 'full'} run of commit ${run.commit}\n`);

const processes: Array<BenchProcess<unknown>> = [];
const databaseUrl = process.env.DATABASE_URL || undefined;
const backend = await startBackend({
  populationSize: 10_000,
  citizens: CITIZENS,
  caseload: CASELOAD,
  databaseUrl,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  profileDir: args.profile ? join(ROOT, 'bench/profiles') : undefined,
  skipBuild: args['no-build'],
});

try {
  const readyMs = Object.fromEntries([...backend.deployed.services.processes].map(([name, running]) => [name, running.readyMs]));
  const privateKey = (await importJWK(backend.info.privateJwk, 'ES256')) as CryptoKey;
  const peerConfig: FloorConfig = {
    supergraphPath: backend.info.supergraphPath,
    subgraphUrls: backend.info.subgraphUrls,
    privateJwk: backend.info.privateJwk,
    personIdKey: backend.info.personIdKey,
    agencyUrls: backend.info.agencyUrls,
    agencyApiKeys: backend.info.agencyApiKeys,
    caseload: backend.info.caseload.map((p) => p.pivot),
    citizens: backend.info.citizens,
  };

  const started = new Map<Peer, BenchProcess<PeerInfo>>();
  started.set(PEERS[0]!, deployedGateway(backend.info));
  const notStarted: Array<{ peer: Peer; reason: string }> = [];
  const others = chosenPeers.filter((peer) => peer.id !== 'a');
  // Started together; kept in the table's order.
  const starts = await Promise.allSettled(
    others.map((peer) =>
      // W3's pre-minted tokens for 100 persons, one header per subgraph, pass Node's 16 KiB default.
      startProcess<PeerInfo>(peer.name, peer.entry, peerConfig, { execArgv: ['--max-http-header-size=131072'] }),
    ),
  );
  for (const [i, start] of starts.entries()) {
    const peer = others[i]!;
    if (start.status === 'fulfilled') {
      started.set(peer, start.value);
      processes.push(start.value);
      continue;
    }
    // A peer that cannot start is reported, and the others are still measured.
    const message = (start.reason as Error).message;
    notStarted.push({ peer, reason: message.split('\n')[0]! });
    console.error(`${peer.name}: ${message}`);
  }
  const gateway = started.get(PEERS[0]!)!;
  const credentials = await loadCredentials(privateKey, backend.info.personIdKey, backend.info);

  // One request of each workload, unchecked, before the checks: a freshly started process's
  // first answers are slow (connections, JIT), and ten at once could outlast a timeout.
  for (const workload of ['W1', 'W3'] as const) {
    const [first] = await requestsFor(workload, 'this-gateway', gateway.info, credentials);
    await fetch(gateway.info.url, { method: 'POST', headers: { 'content-type': 'application/json', ...first!.headers }, body: first!.body }).then((r) => r.arrayBuffer());
  }
  await checkAnswers(started, credentials);
  // The agencies and subgraphs warm up (JIT) on every path before any peer is timed, not during
  // the first one: (a) is timed first, and the later peers would meet subgraphs it had warmed.
  for (const workload of settings.backendWarmupSeconds > 0 ? (['W1', 'W3'] as const) : []) {
    await runLoad({
      url: gateway.info.url,
      requests: await requestsFor(workload, 'this-gateway', gateway.info, credentials),
      connections: settings.workloads[workload].connections,
      seconds: settings.backendWarmupSeconds,
    });
  }

  const rows: PeerRow[] = [];
  const timedRun = async (workload: WorkloadName, label: string, peer: Peer, child: BenchProcess<PeerInfo>) => {
    const shape = settings.workloads[workload];
    const requests = await requestsFor(workload, peer.kind, child.info, credentials);
    const load = { url: child.info.url, requests, connections: shape.connections };
    const timed = (seconds: number) =>
      shape.intervalMs === undefined
        ? runLoad({ ...load, seconds })
        : runPaced({ url: load.url, requests, users: shape.connections, intervalMs: shape.intervalMs, seconds });
    if (settings.warmupSeconds > 0) await timed(settings.warmupSeconds);
    await resetAgencyStats(backend.info);
    const countsBefore = await upstreamCounts(backend.info);
    const usageBefore = await child.usage();
    const deployed = sampleProcesses(platformPids(), 500);
    const memory = sampleMemory(child, 500);
    const result = await timed(shape.seconds);
    const memorySamples = [...(await memory.stop())];
    const usageAfter = await child.usage();
    const perProcess = deployed.stop();
    const upstream = countsSince(countsBefore, await upstreamCounts(backend.info));
    const exact = workload === 'W3' ? await exactCalls(backend.info, load.url, requests) : undefined;
    const answered = Math.max(1, result.requests);
    const row: PeerRow = {
      workload,
      label,
      peer,
      result,
      cpuMsPerRequest: (usageAfter.cpuMicros - usageBefore.cpuMicros) / 1000 / answered,
      rssMaxBytes: Math.max(usageAfter.rssBytes, ...memorySamples.map((m) => m.rssBytes)),
      heapMaxBytes: Math.max(usageAfter.heapUsedBytes, ...memorySamples.map((m) => m.heapUsedBytes)),
      processes: perProcess
        .filter((p) => p.name !== GATEWAY)
        .map((p): ProcessRow => ({ ...p, role: roleOf(p.name), cpuMsPerRequest: p.cpuMicros / 1000 / answered })),
      upstream,
      exact,
    };
    rows.push(row);
    console.log(`${label} ${peer.name}: ${Math.round(result.rps)} rps, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.failures} failures`);
  };
  for (const workload of chosenWorkloads) {
    await setAgencyLatency(backend.info, settings.workloads[workload].agencyLatencyMs);
    for (const [peer, child] of started) await timedRun(workload, workload, peer, child);
  }
  // W3 again with the journal and consents in the identity process's embedded PGlite (npm start's default).
  if (databaseUrl && chosenWorkloads.includes('W3')) {
    await setAgencyLatency(backend.info, settings.workloads.W3.agencyLatencyMs);
    await backend.switchDatabase(undefined);
    await timedRun('W3', 'W3 (PGlite)', PEERS[0]!, gateway);
  }
  await setAgencyLatency(backend.info, 0);
  const soak = settings.soakSeconds > 0 ? await soakRun(gateway, await requestsFor('W1', 'this-gateway', gateway.info, credentials)) : undefined;

  const targets = evaluateTargets(rows, soak, settings, { readyMs, database: databaseUrl ? 'PostgreSQL' : 'PGlite' });
  const text = renderResults({
    run,
    settings,
    rows,
    soak,
    targets,
    notStarted,
    readyMs,
    database: databaseUrl ? 'PostgreSQL' : 'PGlite',
    variant: args.smoke ? 'smoke' : args.short ? 'short' : 'full',
    citizens: backend.info.citizens.length,
    gatewayFlags: deployedGatewayFlags(),
  });
  console.log(`\n${text}`);
  const out = args.out;
  if (out) {
    await writeFile(out, text);
    console.log(`written to ${out}`);
  }
  // A smoke run asks only that every peer answered every request; a real one, every target too.
  const answeredAll = notStarted.length === 0 && rows.every((row) => row.result.failures === 0);
  process.exitCode = answeredAll && (args.smoke || targets.every((t) => t.pass)) ? 0 : 1;
} finally {
  for (const child of processes.reverse()) await child.stop();
  await backend.close();
  console.log(`bench: ${Math.round((performance.now() - benchStarted) / 1000)} s in all, build included`);
}

/** Peer (a): compose's gateway-1, running from dist/ with the platform; measured from /proc like every deployed process. */
function deployedGateway(info: BackendInfo): BenchProcess<PeerInfo> {
  const pid = backend.deployed.services.processes.get(GATEWAY)!.child.pid!;
  return {
    name: PEERS[0]!.name,
    info: { url: info.gatewayUrl, providerUrl: info.providerUrl, sessionIds: info.sessionIds },
    pid,
    usage: async () => ({ ...procUsage(pid), heapUsedBytes: Number.NaN }),
    // Stopped with the platform.
    stop: async () => undefined,
  };
}

/** Every deployed process, by its compose name (the identity subgraph's pid changes when its database does). */
function platformPids(): Map<string, number> {
  return new Map([...backend.deployed.services.processes].map(([name, running]) => [name, running.child.pid!]));
}

function roleOf(name: string): ProcessRow['role'] {
  if ((PLATFORM_SERVICES as readonly string[]).includes(name)) return 'subgraph';
  if ((MOCK_SERVICES as readonly string[]).includes(name)) return 'mock';
  return 'gateway';
}

/**
 * Before any timing, each peer's answer for every citizen and for the caseload must equal the
 * platform's own gateway's, without errors: a peer answering wrong would be measured fast.
 */
async function checkAnswers(started: Map<Peer, BenchProcess<PeerInfo>>, credentials: Credentials): Promise<void> {
  const answer = async (url: string, request: LoadRequest) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as { data?: unknown; errors?: unknown } };
    } catch {
      return { status: response.status, body: { errors: `not JSON: ${text.slice(0, 200)}` } };
    }
  };
  for (const workload of ['W1', 'W3'] as const) {
    let expected: unknown[] | undefined;
    // One peer after the other: the subgraphs' first answers are cold, and all peers at once on
    // a busy machine pushed them past the gateway's subgraph timeout.
    for (const [peer, child] of started) {
      const requests = (await requestsFor(workload, peer.kind, child.info, credentials)).slice(0, settings.checkedCitizens);
      const answers = [];
      for (let i = 0; i < requests.length; i += 10) {
        answers.push(...(await Promise.all(requests.slice(i, i + 10).map((request) => answer(child.info.url, request)))));
      }
      for (const [i, { status, body }] of answers.entries()) {
        if (status !== 200 || body.errors) throw new Error(`${peer.name} answered ${workload} request ${i} with ${status}: ${JSON.stringify(body).slice(0, 500)}`);
      }
      if (peer.kind === 'floor') continue;
      const data = answers.map((a) => a.body.data);
      expected ??= data;
      if (JSON.stringify(data) !== JSON.stringify(expected)) throw new Error(`${peer.name} answered ${workload} with other data than ${PEERS[0]!.name}`);
    }
  }
  console.log(`answers checked: every peer returns the same data as this gateway for ${settings.checkedCitizens} citizens and the caseload, without errors\n`);
}

/** W3's exactness: a fixed number of requests, one at a time, then each agency's own count. */
async function exactCalls(backend: BackendInfo, url: string, requests: LoadRequest[]) {
  // The timed run's last requests may still be calling the agencies: counted once they are quiet.
  for (let before = await upstreamCounts(backend), waits = 0; waits < 40; waits++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await upstreamCounts(backend);
    if (JSON.stringify(now) === JSON.stringify(before)) break;
    before = now;
  }
  await resetAgencyStats(backend);
  for (let i = 0; i < settings.exactRequests; i++) {
    const request = requests[i % requests.length]!;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
    await response.arrayBuffer();
  }
  const { agencies } = await upstreamCounts(backend);
  return { requests: settings.exactRequests, agencies };
}

/** Peer (a) under W1's load for soakSeconds; RSS sampled throughout. */
async function soakRun(gateway: BenchProcess<PeerInfo>, requests: LoadRequest[]): Promise<SoakResult> {
  const shape = settings.workloads.W1;
  const memory = sampleMemory(gateway, settings.soakSampleSeconds * 1000);
  const result = await runLoad({ url: gateway.info.url, requests, connections: shape.connections, seconds: settings.soakSeconds });
  const samples = await memory.stop();
  console.log(`soak: ${result.requests} requests in ${settings.soakSeconds} s, ${samples.length} memory samples`);
  return {
    seconds: settings.soakSeconds,
    requests: result.requests,
    failures: result.failures,
    samples: samples.map((m) => m.rssBytes),
  };
}
