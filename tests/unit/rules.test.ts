import { describe, expect, it } from '@jest/globals';
import { simulateC2pUse } from '../../rules/c2p.ts';
import { projectCpf } from '../../rules/cpf.ts';
import { c2pReserveFor, parameters, valueOn } from '../../rules/parameters.ts';
import { screenPrimeActivite } from '../../rules/ppa.ts';
import { RuleViolation } from '../../rules/violation.ts';

const TODAY = '2026-11-15';

function violation(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolation) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('no violation');
}

describe('parameters', () => {
  it('gives the value in force on a date and refuses a date before every value', () => {
    expect(valueOn(parameters.cpf.credit, TODAY).lowQualified).toEqual({ yearlyCredit: 800_00, cap: 8_000_00 });
    expect(() => valueOn(parameters.cpf.credit, '2018-12-31')).toThrow('no parameter value in force on 2018-12-31');
  });

  it('reserves C2P points for training by birth year', () => {
    expect([1959, 1960, 1962, 1963, 1986].map((year) => c2pReserveFor(year, TODAY))).toEqual([0, 10, 10, 20, 20]);
  });

  it('has a source for every value', () => {
    const values = Object.values(parameters).flatMap((group) => Object.values(group).flat()) as Array<{ from: string; reference: string }>;
    expect(values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.from) && v.reference.length > 10)).toBe(true);
  });
});

describe('simulateC2pUse', () => {
  // camille.martin: 40 points, none used, born 1986: 20 reserved for training.
  const camille = { availablePoints: 40, reservedForTraining: 20 };

  it('converts points: 500 € a training point, a quarter or four half-time months per 10 points', () => {
    expect(simulateC2pUse(camille, { training: 20, retirement: 10, partTime: 10 }, TODAY)).toEqual({
      trainingAmount: 10_000_00,
      retirementQuarters: 1,
      partTimeMonths: 4,
      pointsUsed: 40,
      pointsLeft: 0,
      reservedForTrainingLeft: 0,
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
    expect(violation(() => simulateC2pUse(camille, { training: 0, retirement: 15, partTime: 0 }, TODAY)).code).toBe('BAD_USER_INPUT');
    expect(violation(() => simulateC2pUse(camille, { training: 0, retirement: 0, partTime: 5 }, TODAY)).code).toBe('BAD_USER_INPUT');
    expect(violation(() => simulateC2pUse(camille, { training: -1, retirement: 0, partTime: 0 }, TODAY)).code).toBe('BAD_USER_INPUT');
    expect(violation(() => simulateC2pUse(camille, { training: 0, retirement: 0, partTime: 0 }, TODAY)).code).toBe('BAD_USER_INPUT');
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
    expect(violation(() => projectCpf(account, 0, TODAY)).code).toBe('BAD_USER_INPUT');
    expect(violation(() => projectCpf(account, 46, TODAY)).code).toBe('BAD_USER_INPUT');
  });
});

describe('screenPrimeActivite', () => {
  const lucas = { birthdate: '2004-01-30', today: TODAY, working: true, lastYearEarnings: 12_485_00, receiving: false };

  it('finds an adult at work under 1.5 SMIC who does not receive it likely eligible (lucas.petit)', () => {
    expect(screenPrimeActivite(lucas)).toEqual({ likelyEligible: true, monthlyEarnings: 1_040_42, monthlyCeiling: 2_702_70 });
  });

  it('does not for someone receiving it, not working, under 18 or above the ceiling', () => {
    expect(screenPrimeActivite({ ...lucas, receiving: true }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, working: false }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, birthdate: '2009-01-30' }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, lastYearEarnings: 33_312_00 }).likelyEligible).toBe(false);
    expect(screenPrimeActivite({ ...lucas, lastYearEarnings: null }).likelyEligible).toBe(false);
  });
});
