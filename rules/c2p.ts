import { count, euros, list, plural } from '../contract/french.ts';
import { applied, type AppliedRule, type Explanation } from './explain.ts';
import { parameters, valueOn } from './parameters.ts';
import { badRuleInput, RuleViolation } from './violation.ts';

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
  explanation: Explanation;
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
      throw badRuleInput(use, 'OUT_OF_RANGE', `Points for ${use} must be a whole number, 0 or more (got ${points}).`);
    }
  }
  const pointsUsed = uses.training + uses.retirement + uses.partTime;
  if (pointsUsed === 0) throw badRuleInput('', 'REQUIRED', 'Give points for at least one use.');
  if (uses.retirement % rule.pointsPerRetirementQuarter !== 0) {
    throw badRuleInput(
      'retirement',
      'NOT_A_MULTIPLE',
      `Retirement points go by ${rule.pointsPerRetirementQuarter} (one quarter each); got ${uses.retirement}.`,
    );
  }
  if (uses.partTime % rule.pointsPerPartTimeBlock !== 0) {
    throw badRuleInput(
      'partTime',
      'NOT_A_MULTIPLE',
      `Half-time work points go by ${rule.pointsPerPartTimeBlock} (${rule.partTimeMonthsPerBlock} months each); got ${uses.partTime}.`,
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
  const result = {
    trainingAmount: uses.training * rule.trainingCentsPerPoint,
    retirementQuarters,
    partTimeMonths: (uses.partTime / rule.pointsPerPartTimeBlock) * rule.partTimeMonthsPerBlock,
    pointsUsed,
    pointsLeft: balance.availablePoints - pointsUsed,
    reservedForTrainingLeft,
  };
  return { ...result, explanation: explainC2pUse(balance, uses, result, today) };
}

/** What points buy and which are kept for training, as applied on `today`: the simulator's rules, shown before as after. */
export function c2pRules(today: string): AppliedRule[] {
  return [
    applied(parameters.c2p.conversion, today, (c) => ({
      rule: 'Un point finance une part de formation',
      value: `${euros(c.trainingCentsPerPoint)} par point`,
    })),
    applied(parameters.c2p.conversion, today, (c) => ({
      rule: 'Des points donnent des trimestres de retraite, dans une limite',
      value: `${plural(c.pointsPerRetirementQuarter, 'point')} par trimestre, ${count(c.maxRetirementQuarters)} trimestres au plus`,
    })),
    applied(parameters.c2p.conversion, today, (c) => ({
      rule: 'Des points financent un mi-temps payé comme un plein temps',
      value: `${plural(c.pointsPerPartTimeBlock, 'point')} pour ${c.partTimeMonthsPerBlock} mois`,
    })),
    applied(parameters.c2p.reservedForTraining, today, (r) => ({
      rule: 'Les premiers points acquis ne peuvent servir qu’à une formation',
      value: `${plural(r.bornFrom1963, 'point')} pour les personnes nées à partir de 1963, ${plural(r.born1960To1962, 'point')} de 1960 à 1962, aucun avant`,
    })),
  ];
}

/** What the points were asked for, the conversion and reserve rules, and what they give. */
function explainC2pUse(balance: C2pBalance, uses: C2pUses, result: Omit<C2pUseResult, 'explanation'>, today: string): Explanation {
  const gives = [
    uses.training > 0 ? `${euros(result.trainingAmount)} de formation` : null,
    uses.retirement > 0 ? plural(result.retirementQuarters, 'trimestre de retraite', 'trimestres de retraite') : null,
    uses.partTime > 0 ? `${result.partTimeMonths} mois de mi-temps sans perte de salaire` : null,
  ].filter((text): text is string => text !== null);
  const left = result.pointsLeft === 0 ? 'il ne vous resterait aucun point' : `il vous resterait ${plural(result.pointsLeft, 'point')}`;
  return {
    summary: `${plural(result.pointsUsed, 'point')} vous donneraient ${list(gives)} ; ${left}.`,
    inputs: [
      { label: 'Points disponibles sur votre compte', value: plural(balance.availablePoints, 'point') },
      { label: 'Dont réservés à la formation', value: plural(balance.reservedForTraining, 'point') },
      { label: 'Points pour une formation', value: plural(uses.training, 'point') },
      { label: 'Points pour des trimestres de retraite', value: plural(uses.retirement, 'point') },
      { label: 'Points pour un mi-temps', value: plural(uses.partTime, 'point') },
    ],
    rules: c2pRules(today),
  };
}
