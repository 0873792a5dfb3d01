import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SpawnedProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stdout's JSON log lines so far. */
  logLines(): Array<Record<string, unknown>>;
  /** Resolves with the first log line matching (rejects if the process exits first). */
  waitForLog(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs an entry point as its own process, as a container would (`node --import tsx <entry>`),
 * with exactly the environment given (plus PATH), so nothing leaks in from the test run.
 */
export function spawnEntry(entry: string, env: Record<string, string>, args: readonly string[] = []): SpawnedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  // 'close', not 'exit': at 'exit' the child's last output may still be unread in its pipes.
  let closed = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      closed = true;
      resolve({ code, signal });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  // Complete lines only: the last one may still be arriving.
  const logLines = () =>
    out
      .slice(0, out.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logLines,
    exited,
    async waitForLog(predicate) {
      for (;;) {
        const found = logLines().find(predicate);
        if (found) return found;
        if (closed) {
          throw new Error(`${entry} exited (${child.exitCode ?? child.signalCode}) before the expected log line:\n${out}\n${err}`);
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
