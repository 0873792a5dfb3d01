import { describe, expect, it } from '@jest/globals';
import { PlatformError } from '../../contract/errors.ts';
import { alertsOf } from '../../subgraphs/account/alerts/index.ts';
import { inboxOf } from '../../subgraphs/account/inbox.ts';
import type { AccountPerson } from '../../subgraphs/account/sections.ts';
import { timelinePage } from '../../subgraphs/account/timeline.ts';
import type { TimelineEvent } from '../../subgraphs/shared/timeline-event.ts';

const TODAY = '2026-11-15';

const event = (id: string, date: string, agency: TimelineEvent['agency'] = 'CPF'): TimelineEvent => ({
  id,
  date,
  agency,
  kind: 'CPF_CREDIT',
  title: id,
  amount: null,
});

/** The extensions a refusal carries, as the client will read them. */
function inputError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof PlatformError) return error.extensions;
    throw error;
  }
  return undefined;
}

// What the gateway hands over when nothing is known: every section read, none found.
const nobody: AccountPerson = {
  id: 'p1',
  pivot: { birthdate: '1990-01-01' },
  training: null,
  trainingOutcome: 'NOT_FOUND',
  retirement: null,
  retirementOutcome: 'NOT_FOUND',
  family: null,
  familyOutcome: 'NOT_FOUND',
  employment: null,
  employmentOutcome: 'NOT_FOUND',
};

describe('timeline', () => {
  const person: AccountPerson = {
    ...nobody,
    trainingOutcome: 'FOUND',
    training: { events: [event('cpf:b', '2026-04-15'), event('cpf:a', '2026-04-15'), event('cpf:c', '2020-01-01')] },
    familyOutcome: 'FOUND',
    family: { events: [event('caf:x', '2026-11-05', 'CAF'), event('caf:y', '2019-06-01', 'CAF')] },
    employmentOutcome: 'FAILED',
  };

  it('merges the agencies newest first, ties by id, and reads page after page without gap or repeat', () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = timelinePage(person, { first: 2, after });
      ids.push(...page.edges.map((edge) => edge.node.id));
      expect(page.totalCount).toBe(5);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(['caf:x', 'cpf:a', 'cpf:b', 'cpf:c', 'caf:y']);
  });

  it('keeps a cursor valid when events appear before it', () => {
    const first = timelinePage(person, { first: 2, after: null });
    const grown: AccountPerson = { ...person, training: { events: [...person.training!.events!, event('cpf:new', '2026-11-14')] } };
    const next = timelinePage(grown, { first: 2, after: first.pageInfo.endCursor });
    expect(next.edges.map((edge) => edge.node.id)).toEqual(['cpf:b', 'cpf:c']);
    expect(next.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('lists the agencies that could not be read', () => {
    expect(timelinePage(person, { first: 10, after: null }).unavailableAgencies).toEqual(['FRANCE_TRAVAIL']);
  });

  it('refuses a page size out of 1..100 and a cursor that is not one, naming the argument', () => {
    expect(inputError(() => timelinePage(person, { first: 0, after: null }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first', reason: 'OUT_OF_RANGE' });
    expect(inputError(() => timelinePage(person, { first: 101, after: null }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first', reason: 'OUT_OF_RANGE' });
    expect(inputError(() => timelinePage(person, { first: 2, after: 'not-a-cursor' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
      reason: 'INVALID_FORMAT',
    });
  });

  it('gives an empty page with null cursors past the end', () => {
    const last = timelinePage(person, { first: 5, after: null }).pageInfo.endCursor;
    expect(timelinePage(person, { first: 5, after: last })).toMatchObject({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });
});

describe('inbox', () => {
  const message = (id: string, agency: 'CPF' | 'CAF', sentAt: string, read: boolean) => ({
    id,
    agency,
    sentAt,
    sender: 'AGENCY' as const,
    subject: id,
    body: id,
    read,
  });

  it('merges the mailboxes newest first and counts the unread; a mailbox that failed is unavailable', () => {
    const person: AccountPerson = {
      ...nobody,
      trainingOutcome: 'FOUND',
      training: { messages: [message('m1', 'CPF', '2026-03-02T08:30:00.000Z', false)] },
      familyOutcome: 'FOUND',
      family: { messages: [message('m2', 'CAF', '2026-10-01T07:30:00.000Z', true), message('m3', 'CAF', '2024-09-20T10:00:00.000Z', false)] },
      employmentOutcome: 'FOUND',
      employment: { messages: null },
    };
    const inbox = inboxOf(person);
    expect(inbox.messages.map((m) => m.id)).toEqual(['m2', 'm1', 'm3']);
    expect(inbox.unreadCount).toBe(2);
    expect(inbox.unavailableAgencies).toEqual(['FRANCE_TRAVAIL']);
  });
});

describe('alerts', () => {
  const working = {
    retirementOutcome: 'FOUND' as const,
    retirement: {
      careerPeriods: [
        { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '2025-01-01', endDate: '2025-12-31', annualEarnings: 12_485_00 },
        { scheme: 'AGIRC_ARRCO', kind: 'EMPLOYMENT', startDate: '2025-01-01', endDate: '2025-12-31', annualEarnings: 12_485_00 },
        { scheme: 'GENERAL', kind: 'EMPLOYMENT', startDate: '2026-01-01', endDate: null, annualEarnings: null },
      ],
    },
  };

  it('raises the prime d\'activité alert for a low earner unknown to the CAF, not when the CAF failed or pays it', () => {
    const ids = (person: AccountPerson) => alertsOf(person, TODAY).items.map((alert) => alert.id);
    expect(ids({ ...nobody, ...working })).toEqual(['PRIME_ACTIVITE_NOT_CLAIMED']);
    expect(ids({ ...nobody, ...working, familyOutcome: 'FAILED' })).toEqual([]);
    expect(alertsOf({ ...nobody, ...working, familyOutcome: 'FAILED' }, TODAY).unavailableAgencies).toEqual(['CAF']);
    const paid = { familyOutcome: 'FOUND' as const, family: { benefits: [{ code: 'PPA', label: 'Prime d’activité', endDate: null }] } };
    expect(ids({ ...nobody, ...working, ...paid })).toEqual([]);
  });

  it('warns of rights ending within 90 days, at the CAF and France Travail, and of a monthly update due', () => {
    const person: AccountPerson = {
      ...nobody,
      familyOutcome: 'FOUND',
      family: {
        benefits: [
          { code: 'RSA_MAJORE', label: 'Revenu de solidarité active majoré', endDate: '2027-02-13' },
          { code: 'ASF', label: 'Allocation de soutien familial', endDate: '2027-02-14' },
        ],
      },
      employmentOutcome: 'FOUND',
      employment: {
        allowance: { kind: 'ARE', rightsEndOn: '2026-12-01' },
        monthlyUpdate: { period: '2026-10', dueOn: '2026-11-20', status: 'DUE' },
      },
    };
    const alerts = alertsOf(person, TODAY).items;
    expect(alerts.map((a) => [a.id, a.severity, a.agency])).toEqual([
      ['BENEFIT_ENDING:CAF:RSA_MAJORE:2027-02-13', 'WARNING', 'CAF'],
      ['BENEFIT_ENDING:FRANCE_TRAVAIL:ARE:2026-12-01', 'WARNING', 'FRANCE_TRAVAIL'],
      ['MONTHLY_UPDATE_DUE:2026-10', 'WARNING', 'FRANCE_TRAVAIL'],
    ]);
    expect(alerts[0]!.explanation).toBe(
      'Votre droit (Revenu de solidarité active majoré) prend fin le 13 février 2027, dans 90 jours. ' +
        'Demandez à la CAF ce qui peut prendre le relais et mettez votre situation à jour.',
    );
    expect(alerts[2]).toMatchObject({
      title: 'Actualisation d’octobre 2026 à faire',
      action: { label: 'Faire votre actualisation', url: 'https://www.francetravail.fr/', mutation: 'submitMonthlyUpdate' },
    });
  });

  it('makes the monthly update urgent three days before the deadline and after it', () => {
    const due = (dueOn: string): AccountPerson => ({
      ...nobody,
      employmentOutcome: 'FOUND',
      employment: { allowance: null, monthlyUpdate: { period: '2026-10', dueOn, status: 'DUE' } },
    });
    expect(alertsOf(due('2026-11-18'), TODAY).items[0]!.severity).toBe('URGENT');
    expect(alertsOf(due('2026-11-19'), TODAY).items[0]!.severity).toBe('WARNING');
    expect(alertsOf(due('2026-11-10'), TODAY).items[0]!.explanation).toContain('La date limite du 10 novembre 2026 est passée');
  });
});
