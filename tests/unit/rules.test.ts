import { describe, expect, it } from '@jest/globals';
import { simulateC2pUse } from '../../rules/c2p.ts';
import { projectCpf, simulateCpfProjection } from '../../rules/cpf.ts';
import { c2pReserveFor, entryOn, forGeneration, parameters, valueOn } from '../../rules/parameters.ts';
import { householdFactor, screenPrimeActivite } from '../../rules/ppa.ts';
import { explainPensionEstimate } from '../../rules/retirement.ts';
import { RuleViolation } from '../../rules/violation.ts';
import { generatePopulation } from '../../mocks/population/index.ts';

const TODAY = '2026-11-15';

function violation(run: () => unknown): { code: string; message: string; input?: { field: string; reason: string } } {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolation) return { code: error.code, message: error.message, ...(error.input ? { input: error.input } : {}) };
    throw error;
  }
  throw new Error('no violation');
}

/** Narrow no-break spaces and no-break spaces as plain ones, to write expected French texts. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/[\u202f\u00a0]/g, ' '));

describe('parameters', () => {
  it('gives the value in force on a date and refuses a date before every value', () => {
    expect(valueOn(parameters.cpf.credit, TODAY).lowQualified).toEqual({ yearlyCredit: 800_00, cap: 8_000_00 });
    expect(() => valueOn(parameters.cpf.credit, '2018-12-31')).toThrow('no parameter value in force on 2018-12-31');
  });

  it('reserves C2P points for training by birth year', () => {
    expect([1959, 1960, 1962, 1963, 1986].map((year) => c2pReserveFor(year, TODAY))).toEqual([0, 10, 10, 20, 20]);
  });

  it('gives the entry in force with its first day and source', () => {
    expect(entryOn(parameters.employment.monthlyUpdateBounds, '2025-06-01')).toMatchObject({ from: '2025-01-01', value: { maxHours: 213, maxGrossPay: 15_700_00 } });
    expect(entryOn(parameters.employment.monthlyUpdateBounds, '2026-11-10')).toMatchObject({ from: '2026-01-01', value: { maxHours: 213, maxGrossPay: 16_020_00 } });
  });

  it('gives the legal age and the quarters of each generation, as the CNAV does for the personas', () => {
    const scales = { age: valueOn(parameters.retirement.legalAge, TODAY), quarters: valueOn(parameters.retirement.requiredQuarters, TODAY) };
    const of = (birthdate: string) => [forGeneration(scales.age, birthdate), forGeneration(scales.quarters, birthdate)];
    expect(of('1961-08-31')).toEqual([{ years: 62, months: 0 }, 168]);
    expect(of('1963-06-21')).toEqual([{ years: 62, months: 9 }, 170]);
    expect(of('1986-03-14')).toEqual([{ years: 64, months: 0 }, 172]);
    // The mock CNAV computes the same for every persona it knows.
    for (const person of generatePopulation({ seed: 1, size: 0, today: TODAY }).persons) {
      const rgcu = person.dossiers.rgcu;
      if (rgcu === null) continue;
      expect(of(person.pivot.birthdate)).toEqual([{ years: rgcu.age_legal.annees, months: rgcu.age_legal.mois }, rgcu.trimestres.requis]);
    }
  });

  it('has a source for every value', () => {
    const values = Object.values(parameters).flatMap((group) => Object.values(group).flat()) as Array<{ from: string; reference: string }>;
    expect(values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.from) && v.reference.length > 10)).toBe(true);
    // Shown to citizens as they are, in the simulators' explanations: French typography.
    expect(values.filter((v) => v.reference.includes("'")).map((v) => v.reference)).toEqual([]);
  });
});

describe('simulateC2pUse', () => {
  // camille.martin: 40 points, none used, born 1986: 20 reserved for training.
  const camille = { availablePoints: 40, reservedForTraining: 20 };

  it('converts points: 500 € a training point, a quarter or four half-time months per 10 points', () => {
    expect(simulateC2pUse(camille, { training: 20, retirement: 10, partTime: 10 }, TODAY)).toMatchObject({
      trainingAmount: 10_000_00,
      retirementQuarters: 1,
      partTimeMonths: 4,
      pointsUsed: 40,
      pointsLeft: 0,
      reservedForTrainingLeft: 0,
    });
  });

  it('explains itself: what it was asked, each rule with its value, since when and its source', () => {
    expect(plain(simulateC2pUse(camille, { training: 20, retirement: 10, partTime: 10 }, TODAY).explanation)).toEqual({
      summary: '40 points vous donneraient 10 000 € de formation, 1 trimestre de retraite et 4 mois de mi-temps sans perte de salaire ; il ne vous resterait aucun point.',
      inputs: [
        { label: 'Points disponibles sur votre compte', value: '40 points' },
        { label: 'Dont réservés à la formation', value: '20 points' },
        { label: 'Points pour une formation', value: '20 points' },
        { label: 'Points pour des trimestres de retraite', value: '10 points' },
        { label: 'Points pour un mi-temps', value: '10 points' },
      ],
      rules: [
        { rule: 'Un point finance une part de formation', value: '500 € par point', since: '2023-09-01', reference: parameters.c2p.conversion[0].reference },
        { rule: 'Des points donnent des trimestres de retraite, dans une limite', value: '10 points par trimestre, 8 trimestres au plus', since: '2023-09-01', reference: parameters.c2p.conversion[0].reference },
        { rule: 'Des points financent un mi-temps payé comme un plein temps', value: '10 points pour 4 mois', since: '2023-09-01', reference: parameters.c2p.conversion[0].reference },
        {
          rule: 'Les premiers points acquis ne peuvent servir qu’à une formation',
          value: '20 points pour les personnes nées à partir de 1963, 10 points de 1960 à 1962, aucun avant',
          since: '2015-01-01',
          reference: 'Code du travail, art. R4163-11',
        },
      ],
    });
  });

  it('keeps the reserve for training: training draws on it first', () => {
    expect(simulateC2pUse(camille, { training: 5, retirement: 0, partTime: 0 }, TODAY)).toMatchObject({
      pointsLeft: 35,
      reservedForTrainingLeft: 15,
    });
    expect(violation(() => simulateC2pUse(camille, { training: 0, retirement: 30, partTime: 0 }, TODAY))).toEqual({
      code: 'C2P_POINTS_RESERVED_FOR_TRAINING',
      message: '20 of your points can only pay for training, so at most 20 can go to retirement or half-time work (you asked for 30).',
    });
  });

  it('lets a holder born before 1960 use every point for retirement, up to 8 quarters', () => {
    const older = { availablePoints: 100, reservedForTraining: 0 };
    expect(simulateC2pUse(older, { training: 0, retirement: 80, partTime: 0 }, TODAY).retirementQuarters).toBe(8);
    expect(violation(() => simulateC2pUse(older, { training: 0, retirement: 90, partTime: 0 }, TODAY)).code).toBe('C2P_RETIREMENT_LIMIT');
  });

  it('refuses more points than the account holds, uneven blocks and nothing at all', () => {
    expect(violation(() => simulateC2pUse(camille, { training: 41, retirement: 0, partTime: 0 }, TODAY))).toEqual({
      code: 'C2P_INSUFFICIENT_POINTS',
      message: 'You asked for 41 points and your account has 40; ask for 40 points or fewer.',
    });
    const inputOf = (uses: { training: number; retirement: number; partTime: number }) => violation(() => simulateC2pUse(camille, uses, TODAY)).input;
    expect(inputOf({ training: 0, retirement: 15, partTime: 0 })).toEqual({ field: 'retirement', reason: 'NOT_A_MULTIPLE' });
    expect(inputOf({ training: 0, retirement: 0, partTime: 5 })).toEqual({ field: 'partTime', reason: 'NOT_A_MULTIPLE' });
    expect(inputOf({ training: -1, retirement: 0, partTime: 0 })).toEqual({ field: 'training', reason: 'OUT_OF_RANGE' });
    expect(inputOf({ training: 0, retirement: 0, partTime: 0 })).toEqual({ field: '', reason: 'REQUIRED' });
  });
});

describe('projectCpf', () => {
  it('credits the low-qualified rate each April up to the 8 000 € cap (lucas.petit)', () => {
    const lucas = { balance: 2_400_00, lowQualified: true, lastCreditedOn: '2026-04-15' };
    expect(projectCpf(lucas, 8, TODAY).map((c) => [c.workYear, c.creditedOn, c.credit, c.balance, c.capped])).toEqual([
      [2026, '2027-04-15', 800_00, 3_200_00, false],
      [2027, '2028-04-15', 800_00, 4_000_00, false],
      [2028, '2029-04-15', 800_00, 4_800_00, false],
      [2029, '2030-04-15', 800_00, 5_600_00, false],
      [2030, '2031-04-15', 800_00, 6_400_00, false],
      [2031, '2032-04-15', 800_00, 7_200_00, false],
      [2032, '2033-04-15', 800_00, 8_000_00, false],
      [2033, '2034-04-15', 0, 8_000_00, true],
    ]);
  });

  it('cuts the credit at the cap (sophie.lefevre) and credits nothing above it', () => {
    const sophie = { balance: 4_810_00, lowQualified: false, lastCreditedOn: '2026-04-15' };
    expect(projectCpf(sophie, 2, TODAY).map((c) => [c.credit, c.balance, c.capped])).toEqual([
      [190_00, 5_000_00, true],
      [0, 5_000_00, true],
    ]);
    expect(projectCpf({ ...sophie, balance: 6_000_00 }, 1, TODAY)[0]).toMatchObject({ credit: 0, balance: 6_000_00 });
  });

  it('credits this year when the credit day is still to come, on the usual day when never credited', () => {
    expect(projectCpf({ balance: 0, lowQualified: false, lastCreditedOn: null }, 1, '2026-03-01')[0]).toMatchObject({
      workYear: 2025,
      creditedOn: '2026-04-15',
      credit: 500_00,
    });
  });

  it('answers 1 to 45 years', () => {
    const account = { balance: 0, lowQualified: false, lastCreditedOn: null };
    expect(violation(() => projectCpf(account, 0, TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'years must be a whole number from 1 to 45 (got 0).',
      input: { field: 'years', reason: 'OUT_OF_RANGE' },
    });
    expect(violation(() => projectCpf(account, 46, TODAY)).input).toEqual({ field: 'years', reason: 'OUT_OF_RANGE' });
  });

  it('explains the projection with the scale of the holder (lucas.petit, low-qualified)', () => {
    const lucas = { balance: 2_400_00, lowQualified: true, lastCreditedOn: '2026-04-15' };
    expect(plain(simulateCpfProjection(lucas, 8, TODAY).explanation)).toEqual({
      summary:
        'Sans rien dépenser, votre compte atteindrait 8 000 € le 15 avril 2034, après 8 alimentations annuelles. ' +
        'Il atteindrait son plafond le 15 avril 2033 : ensuite, vos droits ne s’accumulent plus, utilisez-les pour une formation.',
      inputs: [
        { label: 'Solde aujourd’hui', value: '2 400 €' },
        { label: 'Dernière alimentation', value: '15 avril 2026' },
        { label: 'Diplôme de niveau 3 (CAP, BEP)', value: 'non : taux majoré' },
        { label: 'Années projetées', value: '8 ans' },
        { label: 'Hypothèse', value: 'vous travaillez au moins à mi-temps chaque année et ne dépensez rien' },
      ],
      rules: [
        { rule: 'Alimentation pour une année de travail au moins à mi-temps', value: '800 € par an', since: '2019-01-01', reference: parameters.cpf.credit[0].reference },
        { rule: 'Plafond du compte, au-delà duquel rien n’est ajouté', value: '8 000 €', since: '2019-01-01', reference: parameters.cpf.credit[0].reference },
        { rule: 'Date de l’alimentation, l’année qui suit l’année travaillée', value: 'le 15 avril, comme la dernière', since: '2019-01-01', reference: parameters.cpf.creditDay[0].reference },
      ],
    });
  });
});

describe('explainPensionEstimate', () => {
  it('gives the CNAV’s figures, the generation’s legal age and quarters, and the décote applied (sophie.lefevre at 63 y 6 m)', () => {
    const estimate = {
      retirementAge: { years: 63, months: 6 },
      startDate: '2027-01-01',
      monthlyGrossAmount: 1_426_47,
      fullRate: false,
      quartersAtDeparture: 167,
      reductionQuarters: 3,
      increaseQuarters: 0,
    };
    const explanation = plain(explainPensionEstimate({ birthdate: '1963-06-21', validatedQuarters: 164 }, estimate, TODAY));
    expect(explanation.summary).toBe(
      'En partant à 63 ans et 6 mois, le 1er janvier 2027, votre pension serait d’environ 1 426,47 € brut par mois, au taux réduit, avec une décote de 3 trimestres.',
    );
    expect(explanation.inputs).toEqual([
      { label: 'Âge de départ choisi', value: '63 ans et 6 mois' },
      { label: 'Date de départ', value: '1er janvier 2027' },
      { label: 'Trimestres validés à ce jour', value: '164' },
      { label: 'Trimestres au départ, si votre activité continue', value: '167 (calcul de l’Assurance retraite)' },
    ]);
    expect(explanation.rules.map((rule: { rule: string; value: string; since: string }) => [rule.rule, rule.value, rule.since])).toEqual([
      ['Âge légal de départ pour les personnes nées en 1963', '62 ans et 9 mois', '2023-09-01'],
      ['Trimestres requis pour le taux plein, génération 1963', '170', '2023-09-01'],
      ['Âge du taux plein, quel que soit le nombre de trimestres', '67 ans', '2023-09-01'],
      ['Décote par trimestre manquant pour le taux plein, avant cet âge', '1,25 % de la pension, 20 trimestres au plus', '2023-09-01'],
      ['Surcote par trimestre travaillé au-delà des trimestres requis, après l’âge légal', '1,25 % de la pension', '2023-09-01'],
    ]);
    expect(explanation.rules[0].reference).toBe(parameters.retirement.legalAge[0].reference);
  });
});

describe('screenPrimeActivite', () => {
  const lucas = { birthdate: '2004-01-30', today: TODAY, working: true, lastYearEarnings: 12_485_00, receiving: false, household: null };

  it('finds an adult at work under 1.5 SMIC who does not receive it likely eligible (lucas.petit, unknown to the CAF: alone)', () => {
    expect(screenPrimeActivite(lucas)).toEqual({
      likelyEligible: true,
      monthlyEarnings: 1_040_42,
      monthlyCeiling: 2_702_70,
      householdFactor: 1,
      isolatedParent: false,
    });
  });

  it('raises the ceiling with the household, by the legal majorations (aicha.diallo: isolated parent of a child under 3)', () => {
    const aicha = { ...lucas, birthdate: '1991-11-05', household: { adults: 1, childrenBirthDates: ['2024-08-12'] } };
    expect(screenPrimeActivite(aicha)).toMatchObject({ monthlyCeiling: 4_627_45, householdFactor: 1.71216, isolatedParent: true });
    // Once the child is three, the isolated parent's majoration stops: the usual scale applies.
    expect(screenPrimeActivite({ ...aicha, today: '2027-08-12' })).toMatchObject({ householdFactor: 1.5, isolatedParent: false });
  });

  it('counts each person as D843-1 says: +50 % for the second, +30 % then, +40 % from the third child', () => {
    const shares = valueOn(parameters.ppa.householdMajorations, TODAY);
    const factor = (adults: number, children: number) =>
      householdFactor({ adults, childrenBirthDates: Array(children).fill('2010-01-01') }, shares, TODAY).factor;
    expect([factor(1, 0), factor(2, 0), factor(2, 1), factor(2, 2), factor(2, 3), factor(2, 4), factor(1, 3)]).toEqual([1, 1.5, 1.8, 2.1, 2.5, 2.9, 2.2]);
  });

  it('does not for someone receiving it, not working, under 18 or above the ceiling', () => {
    expect(screenPrimeActivite({ ...lucas, receiving: true }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, working: false }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, birthdate: '2009-01-30' }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, lastYearEarnings: 33_312_00 }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, lastYearEarnings: null }).likelyEligible).toBe(false);
  });
});
