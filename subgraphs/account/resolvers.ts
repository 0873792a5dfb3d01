import { hasGrant } from '../../contract/internal-token.ts';
import { forbidden } from '../../contract/errors.ts';
import type { ScopedContext } from '../../common/subgraph/scopes.ts';
import { alertsOf } from './alerts/index.ts';
import { inboxOf } from './inbox.ts';
import type { PersonResolvers } from './resolver-types.generated.ts';
import type { AccountPerson } from './sections.ts';
import { timelinePage } from './timeline.ts';

export interface AccountContext extends ScopedContext {
  /** The day alerts are computed for (YYYY-MM-DD), fixed for the whole request. */
  today: string;
}

/**
 * The account subgraph holds no data: it only recombines the sections the agency subgraphs
 * released for this token. It still answers only for a person the token names (defence in depth).
 */
function checkPerson(person: AccountPerson, context: AccountContext): AccountPerson {
  if (!hasGrant(context.token, person.id, 'account:read')) throw forbidden('This access does not cover this person.');
  return person;
}

export const personResolvers: PersonResolvers<AccountContext> = {
  // The gateway hands over the sections this subgraph @requires: the reference is the person.
  __resolveReference: (reference) => reference as AccountPerson,
  timeline: (person, args, context) => timelinePage(checkPerson(person, context), args),
  inbox: (person, _args, context) => inboxOf(checkPerson(person, context)),
  alerts: (person, _args, context) => alertsOf(checkPerson(person, context), context.today),
};
