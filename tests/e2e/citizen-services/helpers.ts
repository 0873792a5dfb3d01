import { expect } from '@jest/globals';
import type { AgencyName } from '../../../mocks/agencies/index.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import { controlAgency, resetAgency, waitForCircuits } from '../../support/platform.ts';

/**
 * Runs `run` with one mock agency refusing every connection, and puts it back whatever happens,
 * waiting out the circuit its failures opened.
 */
export async function withAgencyDown<T>(platform: RunningPlatform, agency: AgencyName, run: () => Promise<T>): Promise<T> {
  await controlAgency(platform.agencyUrls[agency], { fault: 'down' });
  try {
    return await run();
  } finally {
    await resetAgency(platform.agencyUrls[agency]);
    await waitForCircuits();
  }
}

const SECTION_OF: Readonly<Record<AgencyName, string>> = { cpf: 'training', rgcu: 'retirement', caf: 'family', 'france-travail': 'employment' };

/**
 * The one error an agency down gives: the agency subgraph's, at the path of the section it
 * could not read (`me.family`), even when the query asked only for a feature built on it.
 */
export function agencyDown(agency: AgencyName, path: Array<string | number> = ['me', SECTION_OF[agency]]) {
  return {
    // Unreachable at first; once its circuit opens after repeated failures, not called at all.
    message: expect.stringMatching(new RegExp(`^${agency} is (unreachable|temporarily unavailable)`)),
    path,
    extensions: { code: 'AGENCY_UNAVAILABLE', agency, serviceName: SECTION_OF[agency] },
  };
}

/** A refused input: BAD_USER_INPUT, the dotted path of the input at fault, why, and a message saying what to fix. */
export function inputRefused(path: string[], field: string, reason: string, message: string | RegExp, serviceName: string, agency?: AgencyName) {
  return {
    message: typeof message === 'string' ? message : expect.stringMatching(message),
    path,
    extensions: { code: 'BAD_USER_INPUT', field, reason, ...(agency ? { agency } : {}), serviceName },
  };
}

/** A refused action: its code, its agency when one refused, and a message saying what to fix. */
export function refused(path: string[], code: string, message: string | RegExp, agency?: AgencyName, serviceName?: string) {
  return {
    message: typeof message === 'string' ? message : expect.stringMatching(message),
    path,
    extensions: { code, ...(agency ? { agency } : {}), ...(serviceName ? { serviceName } : {}) },
  };
}
