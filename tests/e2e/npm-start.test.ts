import { describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import { ON_FREE_PORTS } from '../../dev/services.ts';
import { spawnEntry } from '../support/processes.ts';

// `npm start` as a developer runs it (scripts/start.ts), on free ports and a small population so
// that it fits a test: every service through the development launcher, readable log lines, the
// embedded defaults said once, and Ctrl-C stopping everything.
describe('npm start', () => {
  it('starts the whole platform, says what it runs on, writes readable logs, and stops on Ctrl-C', async () => {
    const started = spawnEntry('scripts/start.ts', { ...ON_FREE_PORTS, POPULATION_SIZE: '200' });
    try {
      for (let i = 0; i < 600 && !started.stdout().includes('Ctrl-C stops everything.'); i++) {
        if (started.child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const out = started.stdout();
      expect(out).toContain('Compte des comptes is running (development: never a deployment; see docs/deployment.md).');
      const gatewayUrl = /Web app {6}(\S+)\/app\//.exec(out)?.[1];
      expect(gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Development's defaults, once each, in the summary: no Redis, no PostgreSQL.
      expect(out).toContain('gateway: REDIS_URL unset: sessions and rate limits kept in this process (one instance only, gone at exit)');
      expect(out).toContain('identity: DATABASE_URL unset: PGlite in memory: consents, the access journal, declarations and queued jobs vanish at exit');
      // One readable line per entry, naming its service: no JSON.
      expect(out).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: gateway: gateway listening /m);
      expect(out.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
      const ready = await request(`${gatewayUrl}/readyz`);
      expect(await ready.body.json()).toEqual({ ready: true, checks: { supergraph: 'ok', sessions: 'ok' } });
      // A request shows as it happens.
      await (await request(`${gatewayUrl}/app/`)).body.dump();
      for (let i = 0; i < 50 && !/INFO: gateway: request completed/.test(started.stdout()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started.stdout()).toMatch(/INFO: gateway: request completed .*"statusCode":200/);
    } finally {
      started.child.kill('SIGINT');
    }
    expect(await started.exited).toEqual({ code: 0, signal: null });
    expect(started.stdout()).toContain('Stopping…');
    // Fifteen processes in one, two of them migrating an embedded PostgreSQL: tens of seconds on a busy machine.
  }, 60_000);
});
