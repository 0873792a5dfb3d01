import { describe, expect, it } from '@jest/globals';
import { spawnEntry } from '../support/processes.ts';

// The bench harness itself (bench/run.ts --smoke): the platform built and started from dist/ as
// compose deploys it, a second of each workload, no targets. It fails when a process or a peer cannot start (stock @apollo/gateway refusing the supergraph, say), when a
// peer's answers differ from this gateway's, or when any request fails under load.
describe('the benchmark harness', () => {
  it('starts every peer, finds their answers equal, and loads each with every workload without a failed request', async () => {
    const run = spawnEntry('bench/run.ts', {}, ['--smoke']);
    const { code } = await run.exited;
    const out = run.stdout();
    // What the run wrote to stderr is shown only when it failed: warnings of a newer Node are no failure.
    expect({ code, stderr: code === 0 ? '' : run.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
    expect(out).toContain('answers checked: every peer returns the same data as this gateway for 20 citizens and the caseload, without errors');
    const rows = out.split('\n').filter((line) => /^\| W[123] \| \(/.test(line));
    const peers = ['(a) this gateway', '(b) stock @apollo/gateway', '(c) Hive Gateway', '(d) floor (undici, no GraphQL)'];
    expect(rows.map((row) => row.split('|').slice(1, 3).map((cell) => cell.trim()))).toEqual(
      ['W1', 'W2', 'W3'].flatMap((workload) => peers.map((peer) => [workload, peer])),
    );
    // The last column counts failed answers.
    expect(rows.map((row) => row.split('|').at(-2)!.trim())).toEqual(rows.map(() => '0'));
    expect(out).toMatch(/\| W3 exactly one call per agency per request \| 3 requests: cpf 0, rgcu 0, caf 3, france-travail 3 \| PASS \|/);
  }, 600_000);
});
