import { z } from 'zod';
import type { AgencyClient } from '../shared/agency-client.ts';
import { badUserInput, type ErrorCode, type InputReason } from '../../contract/errors.ts';
import { actionError, refusedByAgency } from '../shared/action-errors.ts';

/** Hours in the longest month: more cannot have been worked. */
const MAX_HOURS_IN_MONTH = 31 * 24;
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

/**
 * Checks the declaration as France Travail will (hours and pay come with work), so the
 * citizen learns what to fix from one coded error naming the field.
 */
export function checkMonthlyUpdate(input: MonthlyUpdateInput): void {
  if (!PERIOD.test(input.period)) invalid('period', 'INVALID_FORMAT', `period must be a month as YYYY-MM, such as 2026-10 (got "${input.period}").`);
  const { hoursWorked, grossPay } = input;
  if (input.worked) {
    if (hoursWorked == null) invalid('hoursWorked', 'REQUIRED', 'hoursWorked is required when worked is true.');
    if (grossPay == null) invalid('grossPay', 'REQUIRED', 'grossPay is required when worked is true.');
  } else {
    if (hoursWorked) invalid('hoursWorked', 'NOT_EXPECTED', `hoursWorked must be absent or 0 when worked is false (got ${hoursWorked}).`);
    if (grossPay) invalid('grossPay', 'NOT_EXPECTED', `grossPay must be absent or 0 when worked is false (got ${grossPay}).`);
  }
  if (hoursWorked != null && (hoursWorked < 0 || hoursWorked > MAX_HOURS_IN_MONTH)) {
    invalid('hoursWorked', 'OUT_OF_RANGE', `hoursWorked must be 0 to ${MAX_HOURS_IN_MONTH} (got ${hoursWorked}).`);
  }
  if (grossPay != null && grossPay < 0) invalid('grossPay', 'OUT_OF_RANGE', `grossPay must be 0 or more (got ${grossPay}).`);
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
    if (!code) throw refusedByAgency('input', message, client.refusal(answer));
    throw actionError(code, message, { agency: client.agency, cause: client.refusal(answer) });
  }
  const receipt = answer.data.data;
  return { period: receipt.periode, recordedOn: receipt.date_enregistrement, status: 'DONE' as const };
}

function invalid(field: keyof MonthlyUpdateInput, reason: InputReason, message: string): never {
  throw badUserInput(`input.${field}`, reason, message);
}
