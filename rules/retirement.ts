import { age, count, euros, longDate, percent, plural } from '../contract/french.ts';
import { applied, type Explanation } from './explain.ts';
import { forGeneration, parameters } from './parameters.ts';

type Age = { years: number; months: number };

/** A pension estimate as the CNAV computed it, with the quarters it counted. */
export interface PensionEstimateFigures {
  retirementAge: Age;
  startDate: string;
  monthlyGrossAmount: number;
  fullRate: boolean;
  /** Quarters the CNAV counts at the departure date, if the current activity goes on until then. */
  quartersAtDeparture: number;
  /** Quarters missing for the full rate that reduce the pension (décote). */
  reductionQuarters: number;
  /** Quarters beyond those required, after the legal age, that increase it (surcote). */
  increaseQuarters: number;
}

/**
 * Why the CNAV's estimate is what it is: the person's generation sets the legal age and the
 * quarters for the full rate; quarters missing reduce the pension until 67, quarters beyond
 * increase it. The amount is the CNAV's; the rules and their sources are the platform's.
 */
export function explainPensionEstimate(
  person: { birthdate: string; validatedQuarters: number },
  estimate: PensionEstimateFigures,
  today: string,
): Explanation {
  const generation = person.birthdate.slice(0, 4);
  const rate = estimate.fullRate
    ? estimate.increaseQuarters > 0
      ? `au taux plein, avec une surcote de ${plural(estimate.increaseQuarters, 'trimestre')}`
      : 'au taux plein'
    : `au taux réduit, avec une décote de ${plural(estimate.reductionQuarters, 'trimestre')}`;
  return {
    summary: `En partant à ${age(estimate.retirementAge)}, le ${longDate(estimate.startDate)}, votre pension serait d’environ ${euros(estimate.monthlyGrossAmount)} brut par mois, ${rate}.`,
    inputs: [
      { label: 'Âge de départ choisi', value: age(estimate.retirementAge) },
      { label: 'Date de départ', value: longDate(estimate.startDate) },
      { label: 'Trimestres validés à ce jour', value: count(person.validatedQuarters) },
      { label: 'Trimestres au départ, si votre activité continue', value: `${count(estimate.quartersAtDeparture)} (calcul de l’Assurance retraite)` },
    ],
    rules: [
      applied(parameters.retirement.legalAge, today, (scale) => ({
        rule: `Âge légal de départ pour les personnes nées en ${generation}`,
        value: age(forGeneration(scale, person.birthdate)),
      })),
      applied(parameters.retirement.requiredQuarters, today, (scale) => ({
        rule: `Trimestres requis pour le taux plein, génération ${generation}`,
        value: count(forGeneration(scale, person.birthdate)),
      })),
      applied(parameters.retirement.pension, today, (rules) => ({
        rule: 'Âge du taux plein, quel que soit le nombre de trimestres',
        value: age(rules.fullRateAge),
      })),
      applied(parameters.retirement.pension, today, (rules) => ({
        rule: 'Décote par trimestre manquant pour le taux plein, avant cet âge',
        value: `${percent(rules.reductionPerQuarter)} de la pension, ${count(rules.maxReductionQuarters)} trimestres au plus`,
      })),
      applied(parameters.retirement.pension, today, (rules) => ({
        rule: 'Surcote par trimestre travaillé au-delà des trimestres requis, après l’âge légal',
        value: `${percent(rules.increasePerQuarter)} de la pension`,
      })),
    ],
  };
}
