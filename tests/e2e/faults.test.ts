import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import type { RunningPlatform } from '../../platform/start-platform.ts';
import type { Browser } from '../support/browser.ts';
import { controlAgency, graphql, logIn, resetAgency, startTestPlatform } from '../support/platform.ts';

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

let platform: RunningPlatform;
let karim: Browser;

beforeAll(async () => {
  platform = await startTestPlatform({ agencyTimeoutMs: AGENCY_TIMEOUT_MS, subgraphTimeoutMs: 2000 });
  karim = await logIn(platform, 'karim.benali');
});

afterEach(async () => {
  await Promise.all(Object.values(platform.agencyUrls).map(resetAgency));
});

afterAll(async () => {
  await platform?.close();
});

const AGENCY_OF_SECTION = { training: 'cpf', retirement: 'rgcu', family: 'caf', employment: 'france-travail' } as const;

const FAULTS = [
  ['down', 'AGENCY_UNAVAILABLE'],
  ['slow', 'AGENCY_TIMEOUT'],
  ['error_500', 'AGENCY_UNAVAILABLE'],
  ['malformed_json', 'AGENCY_BAD_RESPONSE'],
  ['wrong_shape', 'AGENCY_BAD_RESPONSE'],
  ['reset_mid_body', 'AGENCY_UNAVAILABLE'],
] as const;

describe('one agency failing leaves the other sections and one coded error naming it', () => {
  const cases = Object.entries(AGENCY_OF_SECTION).flatMap(([section, agency]) =>
    FAULTS.map(([fault, code]) => [section, agency, fault, code] as const),
  );

  // "slow" holds the answer for 120 s: the test finishing within its 10 s limit shows the
  // agency timeout cut it short.
  it.each(cases)('%s (%s) %s → %s', async (section, agency, fault, code) => {
    await controlAgency(platform.agencyUrls[agency], { fault });
    const { status, body } = await graphql(platform, karim, SECTIONS);
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: { ...HEALTHY, [section]: null } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toEqual({
      message: expect.stringContaining(agency),
      path: ['me', section],
      extensions: { code, agency, serviceName: section },
    });
  }, 10_000);

  it('answers again as soon as the fault clears', async () => {
    await controlAgency(platform.agencyUrls.caf, { fault: 'down' });
    expect((await graphql(platform, karim, SECTIONS)).body.data.me.family).toBeNull();
    await resetAgency(platform.agencyUrls.caf);
    expect(await graphql(platform, karim, SECTIONS)).toEqual({ status: 200, body: { data: { me: HEALTHY } } });
  });
});

describe('a subgraph down', () => {
  it('leaves the other sections, one SUBGRAPH_UNAVAILABLE error naming the subgraph and its agency, and /readyz says which', async () => {
    await platform.subgraphs.stop('employment');
    const { body } = await graphql(platform, karim, SECTIONS);
    expect(body.data).toEqual({ me: { ...HEALTHY, employment: null } });
    expect(body.errors).toEqual([
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
  });
});
