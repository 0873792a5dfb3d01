import type { FastifyRequest } from 'fastify';
import { PlatformError } from '../../../contract/errors.ts';

/** The header a third party names the persons of one request in, comma-separated ids. */
export const BENEFICIARIES_HEADER = 'x-beneficiaries';
/** As many as one page of `beneficiaries` holds. */
const MAX_NAMED = 100;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The persons a third party's request is about, when it names them: only their consents are
 * read and put in the internal tokens, so a request stays small however large the caseload (a
 * token carrying ten thousand grants would not fit in a header). `beneficiaries` then lists those
 * of them it may read. Undefined when the header is absent: every consent counts.
 */
export function namedBeneficiaries(request: FastifyRequest): string[] | undefined {
  const header = request.headers[BENEFICIARIES_HEADER];
  if (header === undefined) return undefined;
  const ids = [...new Set((Array.isArray(header) ? header.join(',') : header).split(',').map((id) => id.trim()))];
  if (ids.length === 0 || ids.length > MAX_NAMED || !ids.every((id) => PERSON_ID.test(id))) {
    throw new PlatformError('BAD_REQUEST', {
      message: `${BENEFICIARIES_HEADER} names 1 to ${MAX_NAMED} person ids (as beneficiaries gives them), separated by commas.`,
    });
  }
  return ids;
}
