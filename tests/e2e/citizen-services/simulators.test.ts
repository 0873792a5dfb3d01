import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../../support/platform.ts';
import { agencyDown, inputRefused, refused, withAgencyDown } from './helpers.ts';

const C2P = `query($uses: C2pUsesInput!) {
  me {
    retirement { validatedQuarters }
    training {
      c2p {
        availablePoints reservedForTraining freelyUsable
        simulateC2PUse(uses: $uses) { trainingAmount retirementQuarters partTimeMonths pointsUsed pointsLeft reservedForTrainingLeft }
      }
    }
  }
}`;
const PROJECTION = `query($years: Int!) {
  me {
    family { familyQuotient { value } }
    training { cpf { balance creditRule { yearlyCredit cap lowQualified } projection(years: $years) { credits { workYear creditedOn credit balance capped } } } }
  }
}`;
const PENSION = `query($age: AgeInput!) {
  me {
    training { cpf { balance } }
    retirement { pensionEstimate(age: $age) { retirementAge { years months } startDate monthlyGrossAmount fullRate quartersAtDeparture reductionQuarters increaseQuarters } }
  }
}`;
const EXPLANATION = 'explanation { summary inputs { label value } rules { rule value since reference } }';

/** Narrow no-break spaces and no-break spaces as plain ones, to write expected French texts. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/[\u202f\u00a0]/g, ' '));

let platform: RunningPlatform;
let camille: Browser;
let lucas: Browser;
let sophie: Browser;

beforeAll(async () => {
  platform = await startTestPlatform();
  [camille, lucas, sophie] = await Promise.all(['camille.martin', 'lucas.petit', 'sophie.lefevre'].map((login) => logIn(platform, login)));
});

afterAll(async () => {
  await platform?.close();
});

describe("simulateC2PUse on camille.martin's 40 points (born 1986: the first 20 are reserved for training)", () => {
  it('gives what the points buy, the reserve spent on training first', async () => {
    const { body } = await graphql(platform, camille, C2P, { uses: { training: 20, retirement: 10, partTime: 10 } });
    expect(body).toEqual({
      data: {
        me: {
          retirement: { validatedQuarters: 57 },
          training: {
            c2p: {
              availablePoints: 40,
              reservedForTraining: 20,
              freelyUsable: 20,
              simulateC2PUse: {
                trainingAmount: 1000000,
                retirementQuarters: 1,
                partTimeMonths: 4,
                pointsUsed: 40,
                pointsLeft: 0,
                reservedForTrainingLeft: 0,
              },
            },
          },
        },
      },
    });
  });

  it('explains the result in the API: the figures it started from and each rule with its value and source', async () => {
    const { body } = await graphql(
      platform,
      camille,
      `query($uses: C2pUsesInput!) { me { training { c2p { simulateC2PUse(uses: $uses) { ${EXPLANATION} } } } } }`,
      { uses: { training: 20, retirement: 10, partTime: 10 } },
    );
    const explanation = plain(body.data.me.training.c2p.simulateC2PUse.explanation);
    expect(explanation.summary).toBe(
      '40 points vous donneraient 10 000 € de formation, 1 trimestre de retraite et 4 mois de mi-temps sans perte de salaire ; il ne vous resterait aucun point.',
    );
    expect(explanation.inputs[0]).toEqual({ label: 'Points disponibles sur votre compte', value: '40 points' });
    expect(explanation.rules[0]).toEqual({
      rule: 'Un point finance une part de formation',
      value: '500 € par point',
      since: '2023-09-01',
      reference: 'Code du travail, art. L4163-7 et R4163-13, dans leur rédaction issue de la réforme des retraites de 2023 (1er septembre 2023)',
    });
  });

  it('gives the rules it applies before any simulation, for a screen to show them first', async () => {
    const { body } = await graphql(platform, camille, '{ me { training { c2p { rules { rule value since } } } } }');
    expect(plain(body.data.me.training.c2p.rules)).toEqual([
      { rule: 'Un point finance une part de formation', value: '500 € par point', since: '2023-09-01' },
      { rule: 'Des points donnent des trimestres de retraite, dans une limite', value: '10 points par trimestre, 8 trimestres au plus', since: '2023-09-01' },
      { rule: 'Des points financent un mi-temps payé comme un plein temps', value: '10 points pour 4 mois', since: '2023-09-01' },
      {
        rule: 'Les premiers points acquis ne peuvent servir qu’à une formation',
        value: '20 points pour les personnes nées à partir de 1963, 10 points de 1960 à 1962, aucun avant',
        since: '2015-01-01',
      },
    ]);
  });

  it('names the input at fault: uneven blocks and negative points, with what to send instead', async () => {
    const uneven = await graphql(platform, camille, C2P, { uses: { retirement: 15 } });
    expect(uneven.body.errors).toEqual([
      inputRefused(
        ['me', 'training', 'c2p', 'simulateC2PUse'],
        'uses.retirement',
        'NOT_A_MULTIPLE',
        'Retirement points go by 10 (one quarter each); got 15.',
        'training',
      ),
    ]);
    const negative = await graphql(platform, camille, C2P, { uses: { training: -1, retirement: 10 } });
    expect(negative.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'uses.training', reason: 'OUT_OF_RANGE', serviceName: 'training' }]);
    const nothing = await graphql(platform, camille, C2P, { uses: {} });
    expect(nothing.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'uses', reason: 'REQUIRED', serviceName: 'training' }]);
  });

  it('refuses to spend reserved points on retirement, and more points than she has', async () => {
    const reserved = await graphql(platform, camille, C2P, { uses: { retirement: 30 } });
    expect(reserved.body.data.me.training.c2p.simulateC2PUse).toBeNull();
    expect(reserved.body.errors).toEqual([
      refused(
        ['me', 'training', 'c2p', 'simulateC2PUse'],
        'C2P_POINTS_RESERVED_FOR_TRAINING',
        '20 of your points can only pay for training, so at most 20 can go to retirement or half-time work (you asked for 30).',
        undefined,
        'training',
      ),
    ]);
    const tooMany = await graphql(platform, camille, C2P, { uses: { training: 30, partTime: 20 } });
    expect(tooMany.body.errors).toEqual([
      refused(
        ['me', 'training', 'c2p', 'simulateC2PUse'],
        'C2P_INSUFFICIENT_POINTS',
        'You asked for 50 points and your account has 40; ask for 40 points or fewer.',
        undefined,
        'training',
      ),
    ]);
  });

  it('with the career register down, still simulates; the retirement section is null with one error naming rgcu', async () => {
    const { body } = await withAgencyDown(platform, 'rgcu', () => graphql(platform, camille, C2P, { uses: { training: 40 } }));
    expect(body.errors).toEqual([agencyDown('rgcu')]);
    expect(body.data.me.retirement).toBeNull();
    expect(body.data.me.training.c2p.simulateC2PUse).toEqual({
      trainingAmount: 2000000,
      retirementQuarters: 0,
      partTimeMonths: 0,
      pointsUsed: 40,
      pointsLeft: 0,
      reservedForTrainingLeft: 0,
    });
  });
});

describe("lucas.petit's CPF projection (low-qualified: 800 € a year up to 8 000 €)", () => {
  const expected = [
    { workYear: 2026, creditedOn: '2027-04-15', credit: 80000, balance: 320000, capped: false },
    { workYear: 2027, creditedOn: '2028-04-15', credit: 80000, balance: 400000, capped: false },
    { workYear: 2028, creditedOn: '2029-04-15', credit: 80000, balance: 480000, capped: false },
    { workYear: 2029, creditedOn: '2030-04-15', credit: 80000, balance: 560000, capped: false },
    { workYear: 2030, creditedOn: '2031-04-15', credit: 80000, balance: 640000, capped: false },
    { workYear: 2031, creditedOn: '2032-04-15', credit: 80000, balance: 720000, capped: false },
    { workYear: 2032, creditedOn: '2033-04-15', credit: 80000, balance: 800000, capped: false },
    { workYear: 2033, creditedOn: '2034-04-15', credit: 0, balance: 800000, capped: true },
  ];

  it('credits each April from 2 400 € until the cap, then nothing', async () => {
    const { body } = await graphql(platform, lucas, PROJECTION, { years: 8 });
    expect(body.errors).toBeUndefined();
    expect(body.data.me.training.cpf).toEqual({
      balance: 240000,
      creditRule: { yearlyCredit: 80000, cap: 800000, lowQualified: true },
      projection: { credits: expected },
    });
  });

  it('explains the projection: his figures, the low-qualified rate and cap, and their sources', async () => {
    const { body } = await graphql(platform, lucas, `{ me { training { cpf { projection(years: 8) { ${EXPLANATION} } } } } }`);
    const explanation = plain(body.data.me.training.cpf.projection.explanation);
    expect(explanation.summary).toBe(
      'Sans rien dépenser, votre compte atteindrait 8 000 € le 15 avril 2034, après 8 alimentations annuelles. ' +
        'Il atteindrait son plafond le 15 avril 2033 : ensuite, vos droits ne s’accumulent plus, utilisez-les pour une formation.',
    );
    expect(explanation.rules.map((rule: { rule: string; value: string; since: string }) => [rule.rule, rule.value, rule.since])).toEqual([
      ['Alimentation pour une année de travail au moins à mi-temps', '800 € par an', '2019-01-01'],
      ['Plafond du compte, au-delà duquel rien n’est ajouté', '8 000 €', '2019-01-01'],
      ['Date de l’alimentation, l’année qui suit l’année travaillée', 'le 15 avril, comme la dernière', '2019-01-01'],
    ]);
  });

  it('refuses a projection over more than 45 years', async () => {
    const { body } = await graphql(platform, lucas, PROJECTION, { years: 46 });
    expect(body.errors).toEqual([
      inputRefused(['me', 'training', 'cpf', 'projection'], 'years', 'OUT_OF_RANGE', 'years must be a whole number from 1 to 45 (got 46).', 'training'),
    ]);
  });

  it('with the CAF down, projects the same; with the Caisse des Dépôts down, gives the error naming cpf', async () => {
    const withoutCaf = await withAgencyDown(platform, 'caf', () => graphql(platform, lucas, PROJECTION, { years: 8 }));
    // Lucas is unknown to the CAF, but a CAF that cannot answer is an error, not "unknown".
    expect(withoutCaf.body.errors).toEqual([agencyDown('caf')]);
    expect(withoutCaf.body.data.me.training.cpf.projection).toEqual({ credits: expected });
    const withoutCpf = await withAgencyDown(platform, 'cpf', () => graphql(platform, lucas, PROJECTION, { years: 8 }));
    expect(withoutCpf.body).toEqual({ data: { me: { family: null, training: null } }, errors: [agencyDown('cpf')] });
  });
});

const AT_63_6 = { retirementAge: { years: 63, months: 6 } };
const AT_67 = { retirementAge: { years: 67, months: 0 } };

describe("the CNAV's pension estimate for sophie.lefevre (legal age 62 y 9 m)", () => {
  it('answers for a chosen age: reduced before the full rate, higher later', async () => {
    const estimates = [];
    for (const age of [{ years: 63, months: 6 }, { years: 64, months: 1 }, { years: 67 }]) {
      const { body } = await graphql(platform, sophie, PENSION, { age });
      expect(body.errors).toBeUndefined();
      estimates.push(body.data.me.retirement.pensionEstimate);
    }
    expect(estimates).toEqual([
      { ...AT_63_6, startDate: '2027-01-01', monthlyGrossAmount: 142647, fullRate: false, quartersAtDeparture: 167, reductionQuarters: 3, increaseQuarters: 0 },
      { retirementAge: { years: 64, months: 1 }, startDate: '2027-08-01', monthlyGrossAmount: 150906, fullRate: true, quartersAtDeparture: 170, reductionQuarters: 0, increaseQuarters: 0 },
      { ...AT_67, startDate: '2030-07-01', monthlyGrossAmount: 181697, fullRate: true, quartersAtDeparture: 181, reductionQuarters: 0, increaseQuarters: 11 },
    ]);
  });

  it('explains the estimate: the CNAV’s quarters, the generation’s legal age and quarters, the décote and its source', async () => {
    const { body } = await graphql(
      platform,
      sophie,
      `query($age: AgeInput!) { me { retirement { pensionEstimate(age: $age) { ${EXPLANATION} } estimatedPension { ${EXPLANATION} } } } }`,
      { age: { years: 63, months: 6 } },
    );
    const chosen = plain(body.data.me.retirement.pensionEstimate.explanation);
    expect(chosen.summary).toBe(
      'En partant à 63 ans et 6 mois, le 1er janvier 2027, votre pension serait d’environ 1 426,47 € brut par mois, au taux réduit, avec une décote de 3 trimestres.',
    );
    expect(chosen.inputs).toEqual([
      { label: 'Âge de départ choisi', value: '63 ans et 6 mois' },
      { label: 'Date de départ', value: '1er janvier 2027' },
      { label: 'Trimestres validés à ce jour', value: '164' },
      { label: 'Trimestres au départ, si votre activité continue', value: '167 (calcul de l’Assurance retraite)' },
    ]);
    expect(chosen.rules[1]).toEqual({
      rule: 'Trimestres requis pour le taux plein, génération 1963',
      value: '170',
      since: '2023-09-01',
      reference: 'Code de la sécurité sociale, art. L161-17-3, modifié par la loi n° 2023-270 du 14 avril 2023 (art. 10)',
    });
    // The estimate the register gives by itself explains itself the same way.
    expect(plain(body.data.me.retirement.estimatedPension.explanation).summary).toBe(
      'En partant à 64 ans et 1 mois, le 1er août 2027, votre pension serait d’environ 1 509,06 € brut par mois, au taux plein.',
    );
  });

  it('refuses an age the CNAV does not estimate with AGE_OUT_OF_RANGE, and impossible months with BAD_USER_INPUT', async () => {
    const early = await graphql(platform, sophie, PENSION, { age: { years: 62 } });
    expect(early.body.errors).toEqual([
      refused(
        ['me', 'retirement', 'pensionEstimate'],
        'AGE_OUT_OF_RANGE',
        "The CNAV cannot estimate this age: L'âge légal de départ de cet assuré est 62 ans 9 mois (reçu : 62 ans 0 mois).",
        'rgcu',
        'retirement',
      ),
    ]);
    const late = await graphql(platform, sophie, PENSION, { age: { years: 71 } });
    expect(late.body.errors?.map((e) => e.extensions?.code)).toEqual(['AGE_OUT_OF_RANGE']);
    const months = await graphql(platform, sophie, PENSION, { age: { years: 64, months: 12 } });
    expect(months.body.errors).toEqual([
      inputRefused(['me', 'retirement', 'pensionEstimate'], 'age.months', 'OUT_OF_RANGE', 'age.months must be 0 to 11 (got 12).', 'retirement'),
    ]);
  });

  it('with the Caisse des Dépôts down, still estimates; with the career register down, gives the error naming rgcu', async () => {
    const withoutCpf = await withAgencyDown(platform, 'cpf', () => graphql(platform, sophie, PENSION, { age: { years: 67 } }));
    expect(withoutCpf.body).toEqual({
      data: {
        me: {
          training: null,
          retirement: {
            pensionEstimate: { ...AT_67, startDate: '2030-07-01', monthlyGrossAmount: 181697, fullRate: true, quartersAtDeparture: 181, reductionQuarters: 0, increaseQuarters: 11 },
          },
        },
      },
      errors: [agencyDown('cpf')],
    });
    const withoutRgcu = await withAgencyDown(platform, 'rgcu', () => graphql(platform, sophie, PENSION, { age: { years: 67 } }));
    expect(withoutRgcu.body).toEqual({ data: { me: { training: { cpf: { balance: 481000 } }, retirement: null } }, errors: [agencyDown('rgcu')] });
  });
});
