import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import type { RunningPlatform } from '../../dev/platform.ts';
import { Browser, signIn } from '../support/browser.ts';
import { writeMatrix, type MatrixRow } from '../support/fault-matrix.ts';
import { controlAgency, graphql, logIn, resetAgency, startTestPlatform, type GraphQLResponse } from '../support/platform.ts';
import { TcpRelay, freePort } from '../support/tcp-relay.ts';
import { graphqlAs, thirdPartyToken } from '../support/third-party.ts';
import { personIdOf } from '../../common/person-id.ts';
import { DEMO_PASSWORD, personaIdentities } from '../../mocks/population/personas.ts';

// The fault matrix: each agency × each fault, then Redis, the provider and PostgreSQL down. Every case
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
/** Recovery is polled this many times at most, 50 ms apart: the circuit's pause and room for a busy machine. */
const RECOVERY_POLLS = 100;

const rows: MatrixRow[] = [];

afterAll(async () => {
  await writeMatrix('Fault matrix', rows);
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

/**
 * Polls `healthy` until it holds, or fails after RECOVERY_POLLS polls; returns how long it took,
 * for the fault matrix (a report: no test asserts on it).
 */
async function recovery(healthy: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (let poll = 0; !(await healthy()); poll += 1) {
    if (poll >= RECOVERY_POLLS) throw new Error(`no recovery after ${RECOVERY_POLLS} polls`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Math.round(performance.now() - started);
}

describe('agencies', () => {
  let platform: RunningPlatform;
  let karim: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({
      env: {
        AGENCY_TIMEOUT_MS: String(AGENCY_TIMEOUT_MS),
        AGENCY_CIRCUIT_FAILURES: String(CIRCUIT_FAILURES),
        AGENCY_CIRCUIT_HALF_OPEN_MS: String(HALF_OPEN_AFTER_MS),
        SUBGRAPH_TIMEOUT_MS: '2000',
        REQUEST_BUDGET_MS: String(REQUEST_BUDGET_MS),
      },
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

  // "slow" holds the answer for 120 s: AGENCY_TIMEOUT, and the test finishing at all, show the
  // agency timeout cut it short.
  it.each(cases)('%s (%s) %s → %s, within the budget, then recovers', async (section, agency, fault, code, opensCircuit) => {
    await controlAgency(platform.agencyUrls[agency], { fault });
    const first = await timed(() => graphql(platform, karim, SECTIONS));
    expect(first.result.status).toBe(200);
    expect(first.result.body.data).toEqual({ me: { ...HEALTHY, [section]: null } });
    expect(first.result.body.errors).toEqual([
      { message: expect.stringContaining(agency), path: ['me', section], extensions: { code, agency, serviceName: section } },
    ]);

    // Enough further failures to open the circuit, counting the retry each idempotent read gets.
    for (let i = 0; i < CIRCUIT_FAILURES; i += 1) await graphql(platform, karim, SECTIONS);
    const agencyCalls = () => platform.agencies.instances[agency].control.stats().requests_total;
    let callsBefore = agencyCalls();
    let repeated = await timed(() => graphql(platform, karim, SECTIONS));
    // On a busy machine the circuit's pause may already be over, making this call its probe
    // (which fails and reopens it, its retry then refused): the next calls meet the open circuit.
    const openCircuit = (r: typeof repeated) =>
      r.result.body.errors?.[0]?.message.includes('temporarily unavailable') && agencyCalls() === callsBefore;
    for (let attempt = 0; opensCircuit && !openCircuit(repeated) && attempt < 5; attempt += 1) {
      callsBefore = agencyCalls();
      repeated = await timed(() => graphql(platform, karim, SECTIONS));
    }
    const error = repeated.result.body.errors?.[0];
    if (opensCircuit) {
      expect(error).toEqual({
        message: `${agency} is temporarily unavailable: after repeated failures, calls to it are paused for a moment`,
        path: ['me', section],
        extensions: { code: 'AGENCY_UNAVAILABLE', agency, serviceName: section },
      });
      // The agency is not called any more, so not waited for: the open circuit answers for it.
      expect(agencyCalls()).toBe(callsBefore);
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
    platform = await startTestPlatform({ env: { SUBGRAPH_CIRCUIT_FAILURES: '2', SUBGRAPH_CIRCUIT_HALF_OPEN_MS: '60000' } });
    karim = await logIn(platform, 'karim.benali');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('leaves the other sections, one SUBGRAPH_UNAVAILABLE error naming the subgraph and its agency; the gateway stays ready and /health says which', async () => {
    await platform.stop('employment');
    const first = await timed(() => graphql(platform, karim, SECTIONS));
    expect(first.result.body.data).toEqual({ me: { ...HEALTHY, employment: null } });
    expect(first.result.body.errors).toEqual([
      {
        // A subgraph that cannot be reached gives a service error, not a field error: no path.
        message: 'The employment service is unavailable.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'employment', agency: 'france-travail' },
      },
    ]);
    // Partial service is service: the gateway stays in rotation, and reports the subgraph down.
    const ready = await request(`${platform.gatewayUrl}/readyz`);
    expect([ready.statusCode, await ready.body.json()]).toEqual([200, { ready: true, checks: { supergraph: 'ok', sessions: 'ok' } }]);
    const health = await request(`${platform.gatewayUrl}/health`);
    expect(health.statusCode).toBe(200);
    expect(((await health.body.json()) as { subgraphs: Record<string, string> }).subgraphs).toEqual(
      expect.objectContaining({ identity: 'ok', account: 'ok', employment: expect.stringMatching(/ECONNREFUSED|connect/) }),
    );
    const metrics = await (await request(`${platform.gatewayUrl}/metrics`)).body.text();
    expect(metrics).toContain('subgraph_up{subgraph="employment"} 0');
    expect(metrics).toContain('subgraph_up{subgraph="identity"} 1');

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
    platform = await startTestPlatform({ env: { REDIS_URL: `redis://127.0.0.1:${relay.port}`, REDIS_KEY_PREFIX: `cdc-test-faults-${process.pid}:` } });
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
    platform = await startTestPlatform({ env: { FC_PORT: String(providerPort), FC_ISSUER: `http://127.0.0.1:${relay.port}/api/v2` } });
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

const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

// PGlite, the default without DATABASE_URL, runs inside the process: it has no connection to
// cut, so PostgreSQL down is shown against a real server only.
describeWithPostgres('PostgreSQL down or hanging (DATABASE_URL, through a relay the test cuts)', () => {
  // The citizen's own sections with the two features kept in PostgreSQL.
  const WITH_CONSENTS = `{
    me {
      identity { familyName }
      training { cpf { balance } }
      retirement { validatedQuarters }
      family { familyQuotient { value } }
      employment { registration { category } }
      consents { grantee { id } scopes status }
      accessJournal(first: 1) { edges { cursor } }
    }
  }`;
  const GRANT = `mutation($expiresAt: DateTime!) {
    grantConsent(grantee: "mutuelle-solidaire", scopes: ["family:read"], purpose: { code: INSURANCE, text: "Tarif solidaire" }, expiresAt: $expiresAt) { id }
  }`;
  const REVOKE = 'mutation($id: ID!) { revokeConsent(id: $id) { id } }';
  const JOURNAL = '{ me { accessJournal(first: 100) { edges { cursor } } } }';
  const READ_PERSON = 'query($id: ID!) { person(id: $id) { family { familyQuotient { value } } } }';
  const CONSENTS = [{ grantee: { id: 'ccas-lyon' }, scopes: ['family:read'], status: 'ACTIVE' }];
  const CONSENTS_UNAVAILABLE = { message: 'Consents cannot be read or changed for a moment; try again shortly.', code: 'CONSENTS_UNAVAILABLE' };
  const JOURNAL_UNAVAILABLE = { message: 'The access journal cannot be read for a moment; try again shortly.', code: 'AUDIT_UNAVAILABLE' };
  const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  let relay: TcpRelay;
  let platform: RunningPlatform;
  let karim: Browser;
  let ccasToken: string;
  let karimId: string;
  let consentId: string;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL as string);
    relay = await new TcpRelay(url.hostname, Number(url.port || 5432)).start();
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    // The identity subgraph's own database settings, timeouts included: only the address is the relay's.
    // The gateway's default budget (10 s): a hanging database spends the identity subgraph's own 2 s
    // timeouts first, which must fit in it with room for a busy machine.
    platform = await startTestPlatform({ env: { DATABASE_URL: url.href } });
    karim = await logIn(platform, 'karim.benali');
    const granted = await graphql(platform, karim, `mutation($expiresAt: DateTime!) {
      grantConsent(grantee: "ccas-lyon", scopes: ["family:read"], purpose: { code: SOCIAL_SUPPORT, text: "Dossier RSA" }, expiresAt: $expiresAt) { id }
    }`, { expiresAt: inAMonth() });
    consentId = granted.body.data.grantConsent.id;
    ccasToken = await thirdPartyToken(platform, 'ccas-lyon', ['family:read']);
    karimId = personIdOf(personaIdentities.find((p) => p.login === 'karim.benali')!.pivot, platform.personIdKey);
  });

  afterEach(async () => {
    await relay.restore();
    await resetAgency(platform.agencyUrls.caf);
  });

  afterAll(async () => {
    await platform?.close();
    await relay?.close();
  });

  const errorsOf = (body: GraphQLResponse['body']) =>
    (body.errors ?? []).map((e) => ({ path: e.path, message: e.message, code: e.extensions?.code })).sort((a, b) => String(a.path).localeCompare(String(b.path)));

  /** Everything that needs the database, at once: the citizen's features and a third party's read. */
  async function underFault() {
    return timed(async () => {
      const [features, grant, revoke, thirdParty] = await Promise.all([
        graphql(platform, karim, WITH_CONSENTS),
        graphql(platform, karim, GRANT, { expiresAt: inAMonth() }),
        graphql(platform, karim, REVOKE, { id: consentId }),
        graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId }),
      ]);
      return { features, grant, revoke, thirdParty };
    });
  }

  function expectCodedErrors(answers: Awaited<ReturnType<typeof underFault>>['result']) {
    expect(answers.features.status).toBe(200);
    expect(answers.features.body.data).toEqual({ me: { ...HEALTHY, consents: null, accessJournal: null } });
    expect(errorsOf(answers.features.body)).toEqual([
      { path: ['me', 'accessJournal'], ...JOURNAL_UNAVAILABLE },
      { path: ['me', 'consents'], ...CONSENTS_UNAVAILABLE },
    ]);
    for (const [answer, field] of [[answers.grant, 'grantConsent'], [answers.revoke, 'revokeConsent']] as const) {
      expect(answer.body.data).toBeNull();
      expect(errorsOf(answer.body)).toEqual([{ path: [field], ...CONSENTS_UNAVAILABLE }]);
    }
    // Nothing can be allowed without the consents: no data at all.
    expect(answers.thirdParty.status).toBe(503);
    expect(answers.thirdParty.body).toEqual({
      errors: [{ message: 'Consents cannot be read for a moment, so no data can be returned; try again shortly.', extensions: { code: 'CONSENTS_UNAVAILABLE' } }],
    });
  }

  /** The features answer again, with the consent given before the fault, and the third party reads. */
  const recovered = async () => {
    const [features, thirdParty] = await Promise.all([graphql(platform, karim, WITH_CONSENTS), graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId })]);
    return (
      features.body.errors === undefined &&
      JSON.stringify(features.body.data.me.consents) === JSON.stringify(CONSENTS) &&
      thirdParty.status === 200 &&
      JSON.stringify(thirdParty.body) === JSON.stringify({ data: { person: { family: HEALTHY.family } } })
    );
  };

  const OUTCOME =
    'me: every section, consents null CONSENTS_UNAVAILABLE, accessJournal null AUDIT_UNAVAILABLE; grantConsent, revokeConsent: CONSENTS_UNAVAILABLE; third party: 503 CONSENTS_UNAVAILABLE, no data';

  it('down: the citizen’s own reads keep every section, consents and the journal answer coded errors, third parties get no data; all recover', async () => {
    await relay.cut();
    const own = await timed(() => graphql(platform, karim, SECTIONS));
    expect(own.result.body).toEqual({ data: { me: HEALTHY } });
    const first = await underFault();
    expectCodedErrors(first.result);
    const repeated = await underFault();
    expectCodedErrors(repeated.result);
    expect((await request(`${platform.gatewayUrl}/readyz`)).statusCode).toBe(200);

    await relay.restore();
    const recoveryMs = await recovery(recovered);
    rows.push({
      dependency: 'PostgreSQL',
      fault: 'down',
      outcome: OUTCOME,
      firstAnswerMs: Math.max(own.ms, first.ms),
      afterRepeats: `same in ${repeated.ms} ms; /readyz 200 (own reads need no database)`,
      recoveryMs,
    });
  }, 20_000);

  it('down between a third party’s consent check and its journal write: no data, only AUDIT_UNAVAILABLE', async () => {
    const caf = platform.agencies.instances.caf.control;
    const journalLength = async () => (await graphql(platform, karim, JOURNAL)).body.data.me.accessJournal.edges.length as number;
    const before = await journalLength();
    // The CAF answers after 1 s: the consents and the pivot have been read by the time it is asked.
    await controlAgency(platform.agencyUrls.caf, { latency_ms: 1_000 });
    const asked = caf.stats().requests_total;
    const read = timed(() => graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId }));
    while (caf.stats().requests_total === asked) await new Promise((resolve) => setTimeout(resolve, 10));
    await relay.cut();

    const first = await read;
    expect(first.result.status).toBe(503);
    expect(first.result.body).toEqual({
      errors: [{ message: 'The access journal could not be written, so no data is returned; try again shortly.', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
    });
    // The next request meets the database down at its consent check.
    const repeated = await timed(() => graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId }));
    expect([repeated.result.status, repeated.result.body.errors?.map((e) => e.extensions?.code)]).toEqual([503, ['CONSENTS_UNAVAILABLE']]);

    await relay.restore();
    await resetAgency(platform.agencyUrls.caf);
    const restored = performance.now();
    await recovery(async () => (await graphql(platform, karim, JOURNAL)).body.errors === undefined);
    // The read that returned nothing left no entry; the first one since that returned data left one.
    expect(await journalLength()).toBe(before);
    await recovery(async () => (await graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId })).status === 200);
    const recoveryMs = Math.round(performance.now() - restored);
    expect(await journalLength()).toBe(before + 1);
    rows.push({
      dependency: 'PostgreSQL',
      fault: 'down after a third party’s consent check',
      outcome: 'third party: 503 AUDIT_UNAVAILABLE, no data',
      firstAnswerMs: first.ms,
      afterRepeats: `next request: 503 CONSENTS_UNAVAILABLE in ${repeated.ms} ms (as down)`,
      recoveryMs,
    });
  }, 20_000);

  it('hanging: the database’s timeouts turn every feature into the same coded errors within the budget; all recover', async () => {
    relay.stall();
    const own = await timed(() => graphql(platform, karim, SECTIONS));
    expect(own.result.body).toEqual({ data: { me: HEALTHY } });
    const first = await underFault();
    expectCodedErrors(first.result);
    const repeated = await underFault();
    expectCodedErrors(repeated.result);

    await relay.restore();
    const recoveryMs = await recovery(recovered);
    rows.push({
      dependency: 'PostgreSQL',
      fault: 'hanging (accepts, never answers)',
      outcome: OUTCOME,
      firstAnswerMs: Math.max(own.ms, first.ms),
      afterRepeats: `same in ${repeated.ms} ms (2 s connection and statement timeouts)`,
      recoveryMs,
    });
  }, 20_000);
});
