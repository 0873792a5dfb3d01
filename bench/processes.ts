import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromChild, ToChild, Usage } from './child.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BenchProcess<Info> {
  name: string;
  info: Info;
  pid: number;
  usage(): Promise<Usage>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra Node flags (`--cpu-prof …` when profiling). */
  execArgv?: string[];
  /** A server not ready by then is a failed start, never a hang. */
  startTimeoutMs?: number;
}

const STOP_GRACE_MS = 10_000;
const running = new Set<ChildProcess>();
// Whatever way the bench ends, no server is left behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Forks `entry` (from the repository root) with `config` as BENCH_CONFIG; resolves once it is listening. */
export function startProcess<Info>(name: string, entry: string, config: unknown, options: StartOptions = {}): Promise<BenchProcess<Info>> {
  const child = fork(fileURLToPath(new URL(entry, new URL('../', import.meta.url))), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    // In production mode, as the platform's image runs (its Dockerfile's ENV): graphql-js, among
    // others, checks less when NODE_ENV is production, and a peer must not pay for development.
    env: { ...process.env, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true', BENCH_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  let nextId = 0;
  const pending = new Map<number, (usage: Usage) => void>();
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start: ${reason}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${(options.startTimeoutMs ?? 60_000) / 1000} s`), options.startTimeoutMs ?? 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited (${signal ?? code})`);
      for (const waiting of pending.values()) waiting({ cpuMicros: Number.NaN, rssBytes: Number.NaN, heapUsedBytes: Number.NaN });
    });
    child.on('message', (message: FromChild<Info>) => {
      if (message.type === 'failed') fail(message.message);
      if (message.type === 'usage') {
        pending.get(message.id)?.(message.usage);
        pending.delete(message.id);
      }
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        name,
        info: message.info,
        pid: child.pid!,
        usage: () =>
          new Promise((answer) => {
            const id = nextId++;
            pending.set(id, answer);
            child.send({ type: 'usage', id } satisfies ToChild);
          }),
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.send({ type: 'stop' } satisfies ToChild);
          const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
