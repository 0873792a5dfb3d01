import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import type { RunningPlatform } from '../../platform/start-platform.ts';
import { Browser, signIn } from '../support/browser.ts';
import { writeMatrix, type MatrixRow } from '../support/fault-matrix.ts';
import { controlAgency, graphql, logIn, resetAgency, startTestPlatform } from '../support/platform.ts';
import { TcpRelay, freePort } from '../support/tcp-relay.ts';
import { graphqlAs, thirdPartyToken } from '../support/third-party.ts';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';

// The fault matrix: each agency × each fault, then Redis and the provider down. Every case
// checks the exact data and codes, an answer within the budget, what repeated failures do
// (the circuit opens: a dead agency costs no time), and recovery once the fault clears.
// The table is written to test-artifacts/fault-matrix.md and printed.

// Karim is known to all four agencies, so each fault shows against three healthy sections.
const SECTIONS = `{
  me {
    identity { familyName }
    training { cpf { balance } }
    retirement { validatedQuarters }
    family { familyQuotient { value } }
    employment { registration { category } }
  }
}`;
const HEALTHY = {
  identity: { familyName: 'BENALI' },
  training: { cpf: { balance: 420000 } },
  retirement: { validatedQuarters: 83 },
  family: { familyQuotient: { value: 620 } },
  employment: { registration: { category: 'A' } },
};
const AGENCY_TIMEOUT_MS = 800;
const REQUEST_BUDGET_MS = 4_000;
const CIRCUIT_FAILURES = 3;
const HALF_OPEN_AFTER_MS = 300;
/** Recovery is polled this long at most: the circuit's pause plus room for a busy machine. */
const RECOVERY_LIMIT_MS = 5_000;

const rows: MatrixRow[] = [];

afterAll(async () => {
  await writeMatrix('Fault matrix', rows);
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/** Polls `healthy` until it holds; returns how long that took, or fails past RECOVERY_LIMIT_MS. */
async function recovery(healthy: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await healthy())) {
    if (performance.now() - started > RECOVERY_LIMIT_MS) throw new Error(`no recovery within ${RECOVERY_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.round(performance.now() - started);
}

describe('agencies', () => {
  let platform: RunningPlatform;
  let karim: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({
      agencyTimeoutMs: AGENCY_TIMEOUT_MS,
      agencyResilience: { circuitFailures: CIRCUIT_FAILURES, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      subgraphTimeoutMs: 2_000,
      gateway: { resilience: { requestBudgetMs: REQUEST_BUDGET_MS } },
    });
    karim = await logIn(platform, 'karim.benali');
  });

  afterEach(async () => {
    await Promise.all(Object.values(platform.agencyUrls).map(resetAgency));
  });

  afterAll(async () => {
    await platform?.close();
  });

  const AGENCY_OF_SECTION = { training: 'cpf', retirement: 'rgcu', family: 'caf', employment: 'france-travail' } as const;

  // Which faults count against the circuit: an agency that is down, failing or slow. One that
  // answers fast but wrongly is not retried, and the circuit stays closed.
  const FAULTS = [
    ['down', 'AGENCY_UNAVAILABLE', true],
    ['slow', 'AGENCY_TIMEOUT', true],
    ['error_500', 'AGENCY_UNAVAILABLE', true],
    ['malformed_json', 'AGENCY_BAD_RESPONSE', false],
    ['wrong_shape', 'AGENCY_BAD_RESPONSE', false],
    ['reset_mid_body', 'AGENCY_UNAVAILABLE', true],
  ] as const;

  const cases = Object.entries(AGENCY_OF_SECTION).flatMap(([section, agency]) =>
    FAULTS.map(([fault, code, opensCircuit]) => [section, agency, fault, code, opensCircuit] as const),
  );

  const healthy = async () => {
    const { body } = await graphql(platform, karim, SECTIONS);
    return body.errors === undefined && JSON.stringify(body.data) === JSON.stringify({ me: HEALTHY });
  };

  // "slow" holds the answer for 120 s: the test finishing within its limit shows the agency
  // timeout cut it short.
  it.each(cases)('%s (%s) %s → %s, within the budget, then recovers', async (section, agency, fault, code, opensCircuit) => {
    await controlAgency(platform.agencyUrls[agency], { fault });
    const first = await timed(() => graphql(platform, karim, SECTIONS));
    expect(first.result.status).toBe(200);
    expect(first.result.body.data).toEqual({ me: { ...HEALTHY, [section]: null } });
    expect(first.result.body.errors).toEqual([
      { message: expect.stringContaining(agency), path: ['me', section], extensions: { code, agency, serviceName: section } },
    ]);
    expect(first.ms).toBeLessThan(REQUEST_BUDGET_MS);

    // Enough further failures to open the circuit, counting the retry each idempotent read gets.
    for (let i = 0; i < CIRCUIT_FAILURES; i += 1) await graphql(platform, karim, SECTIONS);
    let repeated = await timed(() => graphql(platform, karim, SECTIONS));
    // On a busy machine the circuit's pause may already be over, making this call its probe
    // (which fails and reopens it): the next calls then meet the open circuit.
    const openCircuit = (r: typeof repeated) => r.result.body.errors?.[0]?.message.includes('temporarily unavailable');
    for (let attempt = 0; opensCircuit && !openCircuit(repeated) && attempt < 3; attempt += 1) {
      repeated = await timed(() => graphql(platform, karim, SECTIONS));
    }
    const error = repeated.result.body.errors?.[0];
    if (opensCircuit) {
      expect(error).toEqual({
        message: `${agency} is temporarily unavailable: after repeated failures, calls to it are paused for a moment`,
        path: ['me', section],
        extensions: { code: 'AGENCY_UNAVAILABLE', agency, serviceName: section },
      });
      // The agency is not waited for any more: even a slow one answers before its own timeout.
      expect(repeated.ms).toBeLessThan(AGENCY_TIMEOUT_MS);
    } else {
      expect(error?.extensions).toEqual({ code, agency, serviceName: section });
    }
    expect(repeated.result.body.data).toEqual({ me: { ...HEALTHY, [section]: null } });

    await resetAgency(platform.agencyUrls[agency]);
    const recoveryMs = await recovery(healthy);
    rows.push({
      dependency: agency,
      fault,
      outcome: `${section}: null, ${code}; other sections present`,
      firstAnswerMs: first.ms,
      afterRepeats: opensCircuit ? `circuit open: AGENCY_UNAVAILABLE in ${repeated.ms} ms` : `${code} again (circuit closed)`,
      recoveryMs,
    });
  }, 15_000);
});

describe('a subgraph down', () => {
  let platform: RunningPlatform;
  let karim: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({ gateway: { resilience: { subgraphs: { circuitFailures: 2, halfOpenAfterMs: 60_000 } } } });
    karim = await logIn(platform, 'karim.benali');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('leaves the other sections, one SUBGRAPH_UNAVAILABLE error naming the subgraph and its agency, and /readyz says which', async () => {
    await platform.subgraphs.stop('employment');
    const first = await timed(() => graphql(platform, karim, SECTIONS));
    expect(first.result.body.data).toEqual({ me: { ...HEALTHY, employment: null } });
    expect(first.result.body.errors).toEqual([
      {
        // A subgraph that cannot be reached gives a service error, not a field error: no path.
        message: 'The employment service is unavailable.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'employment', agency: 'france-travail' },
      },
    ]);
    const ready = await request(`${platform.gatewayUrl}/readyz`);
    expect(ready.statusCode).toBe(503);
    expect(await ready.body.json()).toEqual({
      ready: false,
      checks: expect.objectContaining({ supergraph: 'ok', sessions: 'ok', 'subgraph:identity': 'ok', 'subgraph:employment': expect.stringMatching(/ECONNREFUSED|connect/) }),
    });

    const repeated = await timed(() => graphql(platform, karim, SECTIONS));
    expect(repeated.result.body.errors).toEqual([
      {
        message: 'The employment service is temporarily unavailable.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'employment', agency: 'france-travail' },
      },
    ]);
    rows.push({
      dependency: 'employment subgraph',
      fault: 'down',
      outcome: 'employment: null, SUBGRAPH_UNAVAILABLE; other sections present',
      firstAnswerMs: first.ms,
      afterRepeats: `circuit open: SUBGRAPH_UNAVAILABLE in ${repeated.ms} ms`,
      recoveryMs: null,
    });
  });
});

const errorCodeOf = (page: { body: string }) => /<code>([A-Z_]+)<\/code>/.exec(page.body)?.[1];

const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

describeWithRedis('Redis down (REDIS_URL, through a relay the test cuts)', () => {
  let relay: TcpRelay;
  let platform: RunningPlatform;

  beforeAll(async () => {
    const redis = new URL(process.env.REDIS_URL as string);
    relay = await new TcpRelay(redis.hostname, Number(redis.port || 6379)).start();
    platform = await startTestPlatform({ redisUrl: `redis://127.0.0.1:${relay.port}`, redisPrefix: `cdc-test-faults-${process.pid}:` });
  });

  afterAll(async () => {
    await platform?.close();
    await relay?.close();
  });

  it('login gives a clear error page, reads a coded 503, nothing crashes, and both recover when Redis returns', async () => {
    const karim = await logIn(platform, 'karim.benali');
    await relay.cut();

    const login = await timed(() => new Browser().get(`${platform.gatewayUrl}/auth/login`));
    expect([login.result.status, errorCodeOf(login.result)]).toEqual([503, 'SESSION_STORE_UNAVAILABLE']);
    expect(login.result.body).toContain('Le service de sessions est momentanément indisponible');

    const read = await timed(() => graphql(platform, karim, SECTIONS));
    expect(read.result.status).toBe(503);
    expect(read.result.body.errors?.map((e) => e.extensions?.code)).toEqual(['SESSION_STORE_UNAVAILABLE']);
    expect((await request(`${platform.gatewayUrl}/healthz`)).statusCode).toBe(200);
    const ready = await request(`${platform.gatewayUrl}/readyz`);
    expect(ready.statusCode).toBe(503);
    expect(((await ready.body.json()) as { checks: Record<string, string> }).checks.sessions).not.toBe('ok');

    await relay.restore();
    const recoveryMs = await recovery(async () => (await graphql(platform, karim, SECTIONS)).status === 200);
    expect((await graphql(platform, karim, SECTIONS)).body).toEqual({ data: { me: HEALTHY } });
    await logIn(platform, 'aicha.diallo');
    rows.push({
      dependency: 'Redis',
      fault: 'down',
      outcome: 'login: 503 page SESSION_STORE_UNAVAILABLE; /graphql: 503 SESSION_STORE_UNAVAILABLE; /healthz 200, /readyz 503',
      firstAnswerMs: Math.max(login.ms, read.ms),
      afterRepeats: 'same, no crash',
      recoveryMs,
    });
  }, 20_000);
});

describe('the identity provider down (through a relay the test cuts)', () => {
  let relay: TcpRelay;
  let platform: RunningPlatform;

  beforeAll(async () => {
    const providerPort = await freePort();
    relay = await new TcpRelay('127.0.0.1', providerPort).start();
    platform = await startTestPlatform({ ports: { provider: providerPort }, providerIssuer: `http://127.0.0.1:${relay.port}` });
  });

  afterAll(async () => {
    await platform?.close();
    await relay?.close();
  });

  it('a login in progress ends on an error page, existing sessions keep working, and login works again once it is back', async () => {
    const karim = await logIn(platform, 'karim.benali');
    const browser = new Browser();
    const start = await browser.get(`${platform.gatewayUrl}/auth/login`);
    const back = await signIn(browser, start.location as URL, 'lucas.petit', DEMO_PASSWORD);
    const token = await thirdPartyToken(platform, 'ccas-lyon', ['family:read']);
    await relay.cut();

    // The code cannot be exchanged: the provider does not answer.
    const callback = await timed(() => browser.get(back.location as URL));
    expect([callback.result.status, errorCodeOf(callback.result)]).toEqual([503, 'IDENTITY_PROVIDER_UNAVAILABLE']);
    expect(callback.result.body).toContain('FranceConnect est momentanément indisponible');
    expect((await graphql(platform, karim, SECTIONS)).body).toEqual({ data: { me: HEALTHY } });
    // No third party has called yet, so the provider's keys were never fetched: no token can be checked.
    const BENEFICIARIES = '{ beneficiaries(first: 1) { totalCount } }';
    const thirdParty = await graphqlAs(platform, token, BENEFICIARIES);
    expect([thirdParty.status, thirdParty.body]).toEqual([
      503,
      { errors: [{ message: 'The identity provider cannot be reached; try again shortly.', extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE' } }] },
    ]);

    await relay.restore();
    const recoveryMs = await recovery(async () => {
      try {
        await logIn(platform, 'lucas.petit');
        return true;
      } catch {
        return false;
      }
    });
    expect((await graphqlAs(platform, token, BENEFICIARIES)).body).toEqual({ data: { beneficiaries: { totalCount: 0 } } });
    rows.push({
      dependency: 'FranceConnect',
      fault: 'down',
      outcome: 'login: 503 page IDENTITY_PROVIDER_UNAVAILABLE; existing sessions: every section; third parties (keys not yet fetched): 503 IDENTITY_PROVIDER_UNAVAILABLE',
      firstAnswerMs: callback.ms,
      afterRepeats: 'same',
      recoveryMs,
    });
  }, 20_000);
});
