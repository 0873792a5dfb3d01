import { z } from 'zod';
import { parameters, valueOn } from '../../rules/parameters.ts';
import type { AgencyClient } from '../shared/agency-client.ts';
import { badUserInput, type ErrorCode, type InputReason } from '../../contract/errors.ts';
import { actionError } from '../shared/action-errors.ts';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface MonthlyUpdateInput {
  period: string;
  worked: boolean;
  hoursWorked?: number | null;
  grossPay?: number | null;
  inTraining: boolean;
  onSickLeave: boolean;
  stillLookingForWork: boolean;
}

/** France Travail's refusals, as the API names them; any other is an input it refused. */
const REFUSALS: Readonly<Record<string, ErrorCode>> = {
  PERIODE_NON_OUVERTE: 'MONTHLY_UPDATE_PERIOD_NOT_OPEN',
  ACTUALISATION_DEJA_FAITE: 'MONTHLY_UPDATE_ALREADY_DONE',
  NON_INSCRIT: 'NOT_REGISTERED',
};

/** France Travail's refusals of one value of the declaration, and why, as the API words it. */
const INPUT_REASONS: Readonly<Record<string, InputReason>> = {
  VALEUR_MANQUANTE: 'REQUIRED',
  VALEUR_INATTENDUE: 'NOT_EXPECTED',
  VALEUR_HORS_LIMITES: 'OUT_OF_RANGE',
};

/** France Travail's names of the declaration's fields, and the input fields they come from. */
const INPUT_FIELDS: Readonly<Record<string, string>> = {
  periode: 'input.period',
  a_travaille: 'input.worked',
  heures_travaillees: 'input.hoursWorked',
  salaire_brut_euros: 'input.grossPay',
  en_formation: 'input.inTraining',
  en_arret_maladie: 'input.onSickLeave',
  recherche_emploi: 'input.stillLookingForWork',
};

/** The bounds in force today, as the API shows them so that a form checks them before sending. */
export function monthlyUpdateLimits(today: string) {
  const { maxHours, maxGrossPay } = valueOn(parameters.employment.monthlyUpdateBounds, today);
  return { maxHoursWorked: maxHours, maxGrossPay };
}

/**
 * Checks the declaration as France Travail will (hours and pay come with work, within what a
 * month can hold), so the citizen learns what to fix from one coded error naming the field.
 * The bounds are the dated parameters in force today.
 */
export function checkMonthlyUpdate(input: MonthlyUpdateInput, today: string): void {
  if (!PERIOD.test(input.period)) {
    throw badUserInput('input.period', 'INVALID_FORMAT', `period must be a month as YYYY-MM, such as 2026-10 (got "${input.period}").`);
  }
  const { hoursWorked, grossPay } = input;
  if (!input.worked) {
    if (hoursWorked) throw badUserInput('input.hoursWorked', 'NOT_EXPECTED', `hoursWorked must be absent or 0 when worked is false (got ${hoursWorked}).`);
    if (grossPay) throw badUserInput('input.grossPay', 'NOT_EXPECTED', `grossPay must be absent or 0 when worked is false (got ${grossPay}).`);
    return;
  }
  const { maxHoursWorked, maxGrossPay } = monthlyUpdateLimits(today);
  if (hoursWorked == null) throw badUserInput('input.hoursWorked', 'REQUIRED', 'hoursWorked is required when worked is true.');
  if (!(hoursWorked > 0 && hoursWorked <= maxHoursWorked)) {
    throw badUserInput(
      'input.hoursWorked',
      'OUT_OF_RANGE',
      `hoursWorked must be more than 0 and at most ${maxHoursWorked}, the most a month holds at 48 hours a week (got ${hoursWorked}).`,
    );
  }
  if (grossPay == null) throw badUserInput('input.grossPay', 'REQUIRED', 'grossPay is required when worked is true.');
  if (!(grossPay > 0 && grossPay <= maxGrossPay)) {
    throw badUserInput(
      'input.grossPay',
      'OUT_OF_RANGE',
      `grossPay must be more than 0 and at most ${maxGrossPay} cents, four times the monthly social security ceiling (got ${grossPay}); it is in cents.`,
    );
  }
}

/** `POST /v1/dossiers/{id}/actualisations`. Not idempotent at the agency: never resent by the client. */
export async function submitMonthlyUpdate(client: AgencyClient, dossierId: string, input: MonthlyUpdateInput) {
  const answer = await client.request({
    method: 'POST',
    path: `/v1/dossiers/${encodeURIComponent(dossierId)}/actualisations`,
    body: {
      periode: input.period,
      a_travaille: input.worked,
      ...(input.hoursWorked == null ? {} : { heures_travaillees: input.hoursWorked }),
      ...(input.grossPay == null ? {} : { salaire_brut_euros: input.grossPay / 100 }),
      en_formation: input.inTraining,
      en_arret_maladie: input.onSickLeave,
      recherche_emploi: input.stillLookingForWork,
    },
    schema: z.object({ data: z.object({ periode: z.string(), date_enregistrement: z.string(), statut: z.literal('EFFECTUEE') }) }),
    answerStatuses: [409, 422],
  });
  if (!answer.ok) {
    const message = `France Travail refused the monthly update: ${answer.detail}`;
    const code = REFUSALS[answer.code];
    if (code) throw actionError(code, message, { agency: client.agency, cause: client.refusal(answer) });
    // A value France Travail finds missing, unexpected or out of bounds: an input to fix.
    throw badUserInput(INPUT_FIELDS[answer.parameter ?? ''] ?? 'input', INPUT_REASONS[answer.code] ?? 'REFUSED_BY_AGENCY', message, {
      cause: client.refusal(answer),
      details: { agency: client.agency },
    });
  }
  const receipt = answer.data.data;
  return { period: receipt.periode, recordedOn: receipt.date_enregistrement, status: 'DONE' as const };
}
