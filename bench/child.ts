import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The child side of the bench's processes (processes.ts): each server under test runs in a
// process of its own, so that its CPU time and memory are its own and can be read apart.

/** What a child reports of itself: CPU time used so far and resident memory now. */
export interface Usage {
  cpuMicros: number;
  rssBytes: number;
  /** V8's heap in use, to tell a heap that grows from memory held elsewhere. */
  heapUsedBytes: number;
}

export type ToChild = { type: 'usage'; id: number } | { type: 'stop' };
export type FromChild<Info> =
  | { type: 'ready'; info: Info }
  | { type: 'usage'; id: number; usage: Usage }
  | { type: 'failed'; message: string };

/** The configuration the parent passed, as JSON in BENCH_CONFIG. */
export function benchConfig<T>(): T {
  const text = process.env.BENCH_CONFIG;
  if (!text) throw new Error('BENCH_CONFIG is not set: bench children are started by bench/run.ts');
  return JSON.parse(text) as T;
}

/**
 * Starts a server and serves the parent: `ready` once it listens, CPU and memory on demand,
 * a clean stop (so a `--cpu-prof` profile is written) when asked or when the parent goes away.
 */
export async function serveChild<Info>(start: () => Promise<{ info: Info; close(): Promise<void> }>): Promise<void> {
  const send = (message: FromChild<Info>) => process.send?.(message);
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start();
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: ToChild) => {
    if (message.type === 'stop') void stop();
    if (message.type === 'usage') {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      send({ type: 'usage', id: message.id, usage: { cpuMicros: cpu.user + cpu.system, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed } });
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', info: running.info });
}

/** Listens a node:http server on a free loopback port; its GraphQL URL, and a close that drops open connections. */
export async function listenLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
