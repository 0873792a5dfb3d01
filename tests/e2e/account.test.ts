import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { personIdOf } from '../../common/person-id.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import { Browser } from '../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';

// One query for every section, as a dashboard would ask it. Career periods are summarised
// below (one per year and scheme would make pages of literals).
const ACCOUNT = `{
  me {
    id
    identity { givenNames familyName birthDate gender birthPlace birthCountry email }
    training {
      cpf { balance creditRule { yearlyCredit cap lowQualified } lastCreditedOn }
      c2p { earnedPoints usedPoints availablePoints reservedForTraining freelyUsable }
      cec { balance cap }
      enrolments { trainingId amount status }
    }
    retirement {
      validatedQuarters requiredQuarters legalAge { years months } legalAgeDate
      estimatedPension { retirementAge { years months } startDate monthlyGrossAmount fullRate }
      careerPeriods { scheme kind startDate endDate validatedQuarters }
    }
    family {
      familyQuotient { value year month provider }
      children { givenNames birthDate }
      benefits { code monthlyAmount startDate endDate }
    }
    employment {
      registration { startDate category }
      allowance { kind dailyGrossAmount rightsEndOn remainingDays }
      monthlyUpdate { period opensOn dueOn status }
    }
  }
}`;

type Period = { scheme: string; kind: string; startDate: string; endDate: string | null; validatedQuarters: number };

function summarise(me: any) {
  if (!me.retirement) return me;
  const periods: Period[] = me.retirement.careerPeriods;
  return {
    ...me,
    retirement: {
      ...me.retirement,
      careerPeriods: {
        count: periods.length,
        schemes: [...new Set(periods.map((p) => p.scheme))],
        first: periods[0],
        last: periods.at(-1),
      },
    },
  };
}

const cpf = (balance: number, low = false) => ({
  balance,
  creditRule: low ? { yearlyCredit: 80000, cap: 800000, lowQualified: true } : { yearlyCredit: 50000, cap: 500000, lowQualified: false },
  lastCreditedOn: '2026-04-15',
});
const legalAge64 = { years: 64, months: 0 };
const openAgircArrco2026 = { scheme: 'AGIRC_ARRCO', kind: 'EMPLOYMENT', startDate: '2026-01-01', endDate: null, validatedQuarters: 0 };

/** The curated figures of mocks/population/README.md, at 2026-11-10, as the public schema gives them. */
const EXPECTED: Record<string, object> = {
  'camille.martin': {
    training: {
      cpf: cpf(335000),
      c2p: { earnedPoints: 40, usedPoints: 0, availablePoints: 40, reservedForTraining: 20, freelyUsable: 20 },
      cec: null,
      enrolments: [{ trainingId: '19691774400019_DU-SOINS-PALLIATIFS', amount: 215000, status: 'CONFIRMED' }],
    },
    retirement: {
      validatedQuarters: 57,
      requiredQuarters: 172,
      legalAge: legalAge64,
      legalAgeDate: '2050-03-14',
      estimatedPension: null,
      careerPeriods: {
        count: 32,
        schemes: ['GENERAL', 'AGIRC_ARRCO'],
        first: { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '2011-09-01', endDate: '2011-12-31', validatedQuarters: 1 },
        last: openAgircArrco2026,
      },
    },
    family: null,
    employment: null,
  },
  'karim.benali': {
    training: {
      cpf: cpf(420000),
      c2p: null,
      cec: null,
      enrolments: [{ trainingId: '32921478500027_CACES-R489', amount: 130000, status: 'CONFIRMED' }],
    },
    retirement: {
      validatedQuarters: 83,
      requiredQuarters: 172,
      legalAge: legalAge64,
      legalAgeDate: '2047-09-02',
      estimatedPension: null,
      careerPeriods: {
        count: 46,
        schemes: ['GENERAL', 'AGIRC_ARRCO'],
        first: { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '2004-09-01', endDate: '2004-12-31', validatedQuarters: 1 },
        last: { ...openAgircArrco2026, endDate: '2026-02-27' },
      },
    },
    family: {
      familyQuotient: { value: 620, year: 2026, month: 11, provider: 'CNAF' },
      children: [
        { givenNames: 'Inès', birthDate: '2015-06-10' },
        { givenNames: 'Yanis', birthDate: '2018-11-23' },
      ],
      benefits: [{ code: 'AF', monthlyAmount: 15105, startDate: '2018-12-01', endDate: null }],
    },
    employment: {
      registration: { startDate: '2026-03-02', category: 'A' },
      allowance: { kind: 'ARE', dailyGrossAmount: 4120, rightsEndOn: '2027-09-08', remainingDays: 343 },
      monthlyUpdate: { period: '2026-10', opensOn: '2026-10-28', dueOn: '2026-11-15', status: 'DUE' },
    },
  },
  'sophie.lefevre': {
    training: {
      cpf: cpf(481000),
      c2p: { earnedPoints: 44, usedPoints: 0, availablePoints: 44, reservedForTraining: 20, freelyUsable: 24 },
      cec: null,
      enrolments: [{ trainingId: '30013948900041_TOSA-EXCEL', amount: 69000, status: 'CONFIRMED' }],
    },
    retirement: {
      validatedQuarters: 164,
      requiredQuarters: 170,
      legalAge: { years: 62, months: 9 },
      legalAgeDate: '2026-03-21',
      estimatedPension: { retirementAge: { years: 64, months: 1 }, startDate: '2027-08-01', monthlyGrossAmount: 150906, fullRate: true },
      careerPeriods: {
        count: 86,
        schemes: ['GENERAL', 'AGIRC_ARRCO', 'MSA_EMPLOYEES'],
        first: { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '1984-09-03', endDate: '1984-12-31', validatedQuarters: 1 },
        last: openAgircArrco2026,
      },
    },
    family: null,
    employment: null,
  },
  'lucas.petit': {
    training: { cpf: cpf(240000, true), c2p: null, cec: { balance: 24000, cap: 72000 }, enrolments: [] },
    retirement: {
      validatedQuarters: 13,
      requiredQuarters: 172,
      legalAge: legalAge64,
      legalAgeDate: '2068-01-30',
      estimatedPension: null,
      careerPeriods: {
        count: 9,
        schemes: ['GENERAL', 'AGIRC_ARRCO'],
        first: { scheme: 'GENERAL', kind: 'CIVIC_SERVICE', startDate: '2022-01-10', endDate: '2022-09-09', validatedQuarters: 2 },
        last: openAgircArrco2026,
      },
    },
    family: null,
    employment: null,
  },
  'aicha.diallo': {
    training: {
      cpf: cpf(315000),
      c2p: null,
      cec: null,
      enrolments: [{ trainingId: '19440053300015_TP-ADVF', amount: 185000, status: 'CONFIRMED' }],
    },
    retirement: {
      validatedQuarters: 39,
      requiredQuarters: 172,
      legalAge: legalAge64,
      legalAgeDate: '2055-11-05',
      estimatedPension: null,
      careerPeriods: {
        count: 22,
        schemes: ['GENERAL', 'AGIRC_ARRCO'],
        first: { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '2016-02-01', endDate: '2016-12-31', validatedQuarters: 3 },
        last: openAgircArrco2026,
      },
    },
    family: {
      familyQuotient: { value: 412, year: 2026, month: 11, provider: 'CNAF' },
      children: [{ givenNames: 'Mariama', birthDate: '2024-08-12' }],
      benefits: [
        { code: 'RSA_MAJORE', monthlyAmount: 61240, startDate: '2024-09-01', endDate: '2027-08-31' },
        { code: 'ASF', monthlyAmount: 19919, startDate: '2024-09-01', endDate: null },
      ],
    },
    employment: null,
  },
  // Known to no agency: every section is null, and that is not an error.
  'jean.dupont': { training: null, retirement: null, family: null, employment: null },
};

function identityOf(login: string) {
  const { pivot, email } = personaIdentities.find((p) => p.login === login)!;
  return {
    givenNames: pivot.given_name.split(' '),
    familyName: pivot.family_name,
    birthDate: pivot.birthdate,
    gender: pivot.gender.toUpperCase(),
    birthPlace: pivot.birthplace || null,
    birthCountry: pivot.birthcountry,
    email,
  };
}

let platform: RunningPlatform;
const sessions = new Map<string, Browser>();

beforeAll(async () => {
  platform = await startTestPlatform();
  for (const { login } of personaIdentities) sessions.set(login, await logIn(platform, login));
});

afterAll(async () => {
  await platform?.close();
});

describe('a signed-in citizen reads every right in one query', () => {
  it.each(personaIdentities.map((p) => p.login))('%s gets their exact figures and no error', async (login) => {
    const { status, body } = await graphql(platform, sessions.get(login)!, ACCOUNT);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const { pivot } = personaIdentities.find((p) => p.login === login)!;
    expect(summarise(body.data.me)).toEqual({
      id: personIdOf(pivot, platform.personIdKey),
      identity: identityOf(login),
      ...EXPECTED[login],
    });
  });

  it('two personas signed in at once never see each other’s data', async () => {
    const pairs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'karim.benali' : 'aicha.diallo'));
    const answers = await Promise.all(
      pairs.map(async (login) => ({ login, body: (await graphql(platform, sessions.get(login)!, ACCOUNT)).body })),
    );
    for (const { login, body } of answers) {
      expect(summarise(body.data.me)).toEqual({
        id: personIdOf(personaIdentities.find((p) => p.login === login)!.pivot, platform.personIdKey),
        identity: identityOf(login),
        ...EXPECTED[login],
      });
    }
  });
});

describe('without a session', () => {
  it('`me` is an UNAUTHENTICATED error', async () => {
    const { status, body } = await graphql(platform, null, '{ me { id } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to read your account: start at /auth/login.',
        path: ['me'],
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
  });

  it('a made-up session cookie is no session', async () => {
    const browser = new Browser();
    browser.setCookie(new URL(platform.gatewayUrl).origin, 'cdc_session', 'A'.repeat(43));
    const { body } = await graphql(platform, browser, '{ me { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('logout', () => {
  it('ends the session here and sends the browser to the provider’s end-session endpoint', async () => {
    const browser = await logIn(platform, 'lucas.petit');
    expect((await graphql(platform, browser, '{ me { identity { familyName } } }')).body.data).toEqual({
      me: { identity: { familyName: 'PETIT' } },
    });
    const logout = await browser.get(`${platform.gatewayUrl}/auth/logout`);
    expect(logout.status).toBe(302);
    expect(`${logout.location!.origin}${logout.location!.pathname}`).toBe(`${platform.providerUrl}/session/end`);
    expect(logout.location!.searchParams.get('id_token_hint')).toEqual(expect.any(String));
    expect(logout.location!.searchParams.get('post_logout_redirect_uri')).toBe(`${platform.gatewayUrl}/`);
    expect((await graphql(platform, browser, '{ me { id } }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
