import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../../support/platform.ts';
import { agencyDown, withAgencyDown } from './helpers.ts';

const TIMELINE = `query($first: Int, $after: String) {
  me {
    timeline(first: $first, after: $after) {
      totalCount
      unavailableAgencies
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id date agency kind title amount } }
    }
  }
}`;

interface Page {
  totalCount: number;
  unavailableAgencies: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; date: string; agency: string } }>;
}

let platform: RunningPlatform;
let karim: Browser;

beforeAll(async () => {
  platform = await startTestPlatform();
  karim = await logIn(platform, 'karim.benali');
});

afterAll(async () => {
  await platform?.close();
});

/** Reads the whole timeline page by page; returns the pages and every response's errors. */
async function readAllPages(size: number) {
  const pages: Page[] = [];
  const errors: unknown[] = [];
  let after: string | null = null;
  do {
    const { body } = await graphql(platform, karim, TIMELINE, { first: size, after });
    errors.push(...(body.errors ?? []));
    const page = body.data.me.timeline as Page;
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return { pages, errors, ids: pages.flatMap((page) => page.edges.map((edge) => edge.node.id)) };
}

describe("karim.benali's timeline", () => {
  it('merges the four agencies newest first, with exact events', async () => {
    const { body } = await graphql(platform, karim, TIMELINE, { first: 4 });
    expect(body.errors).toBeUndefined();
    const page = body.data.me.timeline;
    // 24 career periods (one a year, the Agirc-Arrco points told with the work they come from,
    // but for 2026's two months of work before unemployment), 13 CAF, 12 CPF, 9 France Travail.
    expect(page.totalCount).toBe(58);
    expect(page.unavailableAgencies).toEqual([]);
    expect(page.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { id: 'caf:PAI-0000001-202610-AF', date: '2026-11-05', agency: 'CAF', kind: 'BENEFIT_PAYMENT', title: 'Versement : Allocations familiales', amount: 15105 },
      { id: 'caf:PAI-0000001-202609-AF', date: '2026-10-05', agency: 'CAF', kind: 'BENEFIT_PAYMENT', title: 'Versement : Allocations familiales', amount: 15105 },
      { id: 'france-travail:payment:2026-10-03', date: '2026-10-03', agency: 'FRANCE_TRAVAIL', kind: 'ALLOWANCE_PAYMENT', title: 'Versement : Allocation d’aide au retour à l’emploi (ARE)', amount: 123600 },
      { id: 'caf:PAI-0000001-202608-AF', date: '2026-09-05', agency: 'CAF', kind: 'BENEFIT_PAYMENT', title: 'Versement : Allocations familiales', amount: 15105 },
    ]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('names enrolments, registrations, allowance rights and career periods', async () => {
    const { body } = await graphql(platform, karim, TIMELINE, { first: 100 });
    const byId = new Map(body.data.me.timeline.edges.map((edge: { node: { id: string } }) => [edge.node.id, edge.node]));
    expect(byId.get('cpf:INS-0000002-1')).toEqual({
      id: 'cpf:INS-0000002-1',
      date: '2022-05-16',
      agency: 'CPF',
      kind: 'TRAINING_ENROLMENT',
      title: 'Inscription : CACES R489 — chariots de manutention automoteurs à conducteur porté',
      amount: -130000,
    });
    expect(byId.get('france-travail:registration:2026-03-02')).toMatchObject({ kind: 'REGISTRATION_START', title: 'Inscription comme demandeur d’emploi : catégorie A' });
    expect(byId.get('france-travail:allowance:ARE:2026-03-10')).toMatchObject({
      kind: 'ALLOWANCE_START',
      date: '2026-03-10',
      title: 'Début de droit : Allocation d’aide au retour à l’emploi (ARE)',
    });
    expect(byId.get('caf:AF:2018-12-01:start')).toMatchObject({ kind: 'BENEFIT_START', title: 'Début de droit : Allocations familiales' });
    expect(byId.get('cpf:MVT-0000002-12')).toMatchObject({ kind: 'CPF_CREDIT', date: '2026-04-15', title: 'Alimentation : compte personnel de formation' });
    // One event per period of work: the Agirc-Arrco points of the same work are named in it, not told again.
    const career = body.data.me.timeline.edges
      .map((edge: { node: { kind: string; date: string; title: string } }) => edge.node)
      .filter((node: { kind: string }) => node.kind === 'CAREER_PERIOD');
    expect(career.filter((node: { date: string }) => node.date.startsWith('2005'))).toEqual([
      {
        id: 'rgcu:REGIME_GENERAL:2005-01-01',
        date: '2005-01-01',
        agency: 'RGCU',
        kind: 'CAREER_PERIOD',
        title: 'Emploi : Transports Méditerranée Logistique (régime général et Agirc-Arrco) — 4 trimestres',
        amount: null,
      },
    ]);
    expect(career.filter((node: { date: string }) => node.date.startsWith('2026')).map((node: { title: string }) => node.title)).toEqual([
      'Emploi : Entrepôts du Port de Marseille (Agirc-Arrco) — des points, pas de trimestres',
      'Chômage indemnisé : régime général — année en cours',
    ]);
    expect(career.filter((node: { date: string }) => node.date.startsWith('2013')).map((node: { title: string }) => node.title)).toEqual([
      'Emploi : Transports Méditerranée Logistique (régime général et Agirc-Arrco) — 3 trimestres',
    ]);
  });

  it('reads page after page with stable cursors: the pages put together are the whole timeline, once each', async () => {
    const { body } = await graphql(platform, karim, TIMELINE, { first: 100 });
    const whole = body.data.me.timeline.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const { pages, errors, ids } = await readAllPages(7);
    expect(errors).toEqual([]);
    expect(pages).toHaveLength(9);
    expect(ids).toEqual(whole);
    expect(new Set(ids).size).toBe(58);
    expect(pages.slice(1).every((page) => page.pageInfo.hasPreviousPage)).toBe(true);
    // The same cursor gives the same page again.
    const again = await graphql(platform, karim, TIMELINE, { first: 7, after: pages[2]!.pageInfo.endCursor });
    expect(again.body.data.me.timeline.edges).toEqual(pages[3]!.edges);
  });

  it('refuses a page size outside 1..100 and a cursor that is not one, with BAD_USER_INPUT', async () => {
    const tooMany = await graphql(platform, karim, TIMELINE, { first: 101 });
    expect(tooMany.body.errors?.map((e) => [e.extensions, e.message])).toEqual([
      [{ code: 'BAD_USER_INPUT', field: 'first', reason: 'OUT_OF_RANGE', serviceName: 'account' }, 'first must be 1 to 100 (got 101).'],
    ]);
    const forged = await graphql(platform, karim, TIMELINE, { first: 5, after: 'page-2' });
    expect(forged.body.errors?.map((e) => [e.extensions, e.message])).toEqual([
      [
        { code: 'BAD_USER_INPUT', field: 'after', reason: 'INVALID_FORMAT', serviceName: 'account' },
        'after is not a cursor of this list: pass pageInfo.endCursor of the previous page.',
      ],
    ]);
  });
});

describe('agency calls', () => {
  it('timeline, inbox and alerts together read each agency once, and each mailbox once', async () => {
    const agencies = Object.values(platform.agencies.instances);
    for (const agency of agencies) agency.control.resetStats();
    const { body } = await graphql(
      platform,
      karim,
      '{ me { timeline(first: 1) { totalCount } inbox { unreadCount } alerts { items { id } } training { cpf { balance } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(agencies.map((agency) => agency.control.stats().requests_by_route)).toEqual([
      { 'POST /v1/dossiers/batch': 1, 'GET /v1/dossiers/{id}/messages': 1 },
      { 'POST /v1/dossiers/batch': 1, 'GET /v1/dossiers/{id}/messages': 1 },
      { 'POST /v1/dossiers/batch': 1, 'GET /v1/dossiers/{id}/messages': 1 },
      { 'POST /v1/dossiers/batch': 1, 'GET /v1/dossiers/{id}/messages': 1 },
    ]);
  });
});

describe('with the CAF down', () => {
  it('gives the other agencies\' timeline, paginated stably, the CAF listed as unavailable, and one error per response naming it', async () => {
    const healthy = await graphql(platform, karim, TIMELINE, { first: 100 });
    const withoutCaf = healthy.body.data.me.timeline.edges
      .map((edge: { node: { id: string; agency: string } }) => edge.node)
      .filter((node: { agency: string }) => node.agency !== 'CAF')
      .map((node: { id: string }) => node.id);

    const { pages, errors, ids } = await withAgencyDown(platform, 'caf', () => readAllPages(10));
    expect(ids).toEqual(withoutCaf);
    expect(ids).toHaveLength(45);
    expect(pages.map((page) => page.totalCount)).toEqual(Array(5).fill(45));
    expect(pages.every((page) => page.unavailableAgencies.join() === 'CAF')).toBe(true);
    expect(errors).toEqual(Array(5).fill(agencyDown('caf')));
  });

  it('answers again in full once the CAF is back', async () => {
    const { body } = await graphql(platform, karim, TIMELINE, { first: 1 });
    expect(body.errors).toBeUndefined();
    expect(body.data.me.timeline).toMatchObject({ totalCount: 58, unavailableAgencies: [] });
  });
});

// Last: a stopped subgraph does not come back on this platform.
describe('with an agency subgraph down (not the agency)', () => {
  it('the features across agencies are null with SUBGRAPH_UNAVAILABLE; the other sections still arrive', async () => {
    await platform.stop('employment');
    const { body } = await graphql(platform, karim, '{ me { identity { familyName } training { cpf { balance } } timeline(first: 1) { totalCount } inbox { unreadCount } alerts { items { id } } } }');
    // The gateway cannot hand the account subgraph a section it could not fetch at all, so it
    // does not call it: the features are null rather than built from part of their inputs.
    expect(body).toEqual({
      data: { me: { identity: { familyName: 'BENALI' }, training: { cpf: { balance: 420000 } }, timeline: null, inbox: null, alerts: null } },
      errors: [
        {
          message: 'The employment service is unavailable.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'employment', agency: 'france-travail' },
        },
      ],
    });
  });
});
