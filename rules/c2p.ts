import { parameters, valueOn } from './parameters.ts';
import { RuleViolation } from './violation.ts';

/** Points the person asks to spend, per use. */
export interface C2pUses {
  training: number;
  retirement: number;
  partTime: number;
}

/** What the account holds, as the training subgraph maps it (reserve already computed). */
export interface C2pBalance {
  availablePoints: number;
  /** Available points that can only go to training. */
  reservedForTraining: number;
}

export interface C2pUseResult {
  trainingAmount: number;
  retirementQuarters: number;
  partTimeMonths: number;
  pointsUsed: number;
  pointsLeft: number;
  reservedForTrainingLeft: number;
}

/**
 * What spending C2P points would give, checked against the account: the reserved points can
 * only pay for training, so the other uses draw on the rest; retirement gets whole quarters up
 * to the legal maximum, half-time work whole blocks.
 */
export function simulateC2pUse(balance: C2pBalance, uses: C2pUses, today: string): C2pUseResult {
  const rule = valueOn(parameters.c2p.conversion, today);
  for (const [use, points] of Object.entries(uses)) {
    if (!Number.isInteger(points) || points < 0) {
      throw new RuleViolation('BAD_USER_INPUT', `Points for ${use} must be a whole number, 0 or more (got ${points}).`, {
        field: `uses.${use}`,
        reason: 'OUT_OF_RANGE',
      });
    }
  }
  const pointsUsed = uses.training + uses.retirement + uses.partTime;
  if (pointsUsed === 0) throw new RuleViolation('BAD_USER_INPUT', 'Give points for at least one use.', { field: 'uses', reason: 'REQUIRED' });
  if (uses.retirement % rule.pointsPerRetirementQuarter !== 0) {
    throw new RuleViolation(
      'BAD_USER_INPUT',
      `Retirement points go by ${rule.pointsPerRetirementQuarter} (one quarter each); got ${uses.retirement}.`,
      { field: 'uses.retirement', reason: 'NOT_A_MULTIPLE' },
    );
  }
  if (uses.partTime % rule.pointsPerPartTimeBlock !== 0) {
    throw new RuleViolation(
      'BAD_USER_INPUT',
      `Half-time work points go by ${rule.pointsPerPartTimeBlock} (${rule.partTimeMonthsPerBlock} months each); got ${uses.partTime}.`,
      { field: 'uses.partTime', reason: 'NOT_A_MULTIPLE' },
    );
  }
  const retirementQuarters = uses.retirement / rule.pointsPerRetirementQuarter;
  if (retirementQuarters > rule.maxRetirementQuarters) {
    throw new RuleViolation(
      'C2P_RETIREMENT_LIMIT',
      `The C2P gives at most ${rule.maxRetirementQuarters} retirement quarters (${rule.maxRetirementQuarters * rule.pointsPerRetirementQuarter} points); ask for fewer.`,
    );
  }
  if (pointsUsed > balance.availablePoints) {
    throw new RuleViolation(
      'C2P_INSUFFICIENT_POINTS',
      `You asked for ${pointsUsed} points and your account has ${balance.availablePoints}; ask for ${balance.availablePoints} points or fewer.`,
    );
  }
  const freelyUsable = balance.availablePoints - balance.reservedForTraining;
  const otherUses = uses.retirement + uses.partTime;
  if (otherUses > freelyUsable) {
    throw new RuleViolation(
      'C2P_POINTS_RESERVED_FOR_TRAINING',
      `${balance.reservedForTraining} of your points can only pay for training, so at most ${freelyUsable} can go to retirement or half-time work (you asked for ${otherUses}).`,
    );
  }
  // Training draws on the reserve first: the reserve cannot be spent any other way.
  const reservedForTrainingLeft = Math.max(0, balance.reservedForTraining - uses.training);
  return {
    trainingAmount: uses.training * rule.trainingCentsPerPoint,
    retirementQuarters,
    partTimeMonths: (uses.partTime / rule.pointsPerPartTimeBlock) * rule.partTimeMonthsPerBlock,
    pointsUsed,
    pointsLeft: balance.availablePoints - pointsUsed,
    reservedForTrainingLeft,
  };
}
