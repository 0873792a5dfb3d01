import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, TEST_TODAY } from '../../support/platform.ts';
import { agencyDown, inputRefused, refused, withAgencyDown } from './helpers.ts';

const SEARCH = `query($search: TrainingSearchInput, $page: Int, $perPage: Int) {
  trainings(search: $search, page: $page, perPage: $perPage) {
    total page perPage hasNextPage
    items { id title provider price region { code name } sessions { id status startDate endDate seatsLeft } }
  }
}`;
const ENROL = `mutation($input: EnrollInTrainingInput!) {
  enrollInTraining(input: $input) {
    balance replayed
    enrolment { id trainingId title sessionId enrolledOn sessionStartsOn amount status }
    session { id status seatsLeft }
  }
}`;
const BALANCE = '{ me { training { cpf { balance } enrolments { id } } } }';

const PERMIS_B = '81295327300018_PERMIS-B';
const CACES = '32921478500027_CACES-R489';

let platform: RunningPlatform;
let lucas: Browser;
let karim: Browser;

beforeAll(async () => {
  platform = await startTestPlatform();
  [lucas, karim] = await Promise.all([logIn(platform, 'lucas.petit'), logIn(platform, 'karim.benali')]);
});

afterAll(async () => {
  await platform?.close();
});

const cpfSearches = () => platform.agencies.instances.cpf.control.stats().requests_by_route['GET /v1/formations'] ?? 0;
const balanceOf = async (browser: Browser) => (await graphql(platform, browser, BALANCE)).body.data.me.training;

describe('training search (public, anonymous)', () => {
  it('filters by text and region, with the open data fields and sessions', async () => {
    const { body } = await graphql(platform, null, SEARCH, { search: { text: 'permis b', region: '75' } });
    expect(body.errors).toBeUndefined();
    const page = body.data.trainings;
    expect(page).toMatchObject({ total: 3, page: 1, perPage: 20, hasNextPage: false });
    expect(page.items.map((t: { id: string; price: number }) => [t.id, t.price])).toEqual([
      [PERMIS_B, 145000],
      ['71673130999897_F00089', 131000],
      ['22753837366291_F00298', 139000],
    ]);
    expect(page.items[0]).toEqual({
      id: PERMIS_B,
      title: 'Permis de conduire B — code et conduite',
      provider: 'Auto-école Bordeaux Bastide',
      price: 145000,
      region: { code: '75', name: 'Nouvelle-Aquitaine' },
      sessions: [
        // By start date.
        { id: `${PERMIS_B}-S1`, status: 'OPEN', startDate: '2026-12-01', endDate: '2026-12-05', seatsLeft: 8 },
        { id: `${PERMIS_B}-S3`, status: 'CLOSED', startDate: '2027-02-01', endDate: '2027-02-05', seatsLeft: 0 },
        { id: `${PERMIS_B}-S2`, status: 'OPEN', startDate: '2027-03-01', endDate: '2027-03-05', seatsLeft: 12 },
      ],
    });
  });

  it('lists only trainings with a session open for enrolment when asked, every session by date', async () => {
    const all = (await graphql(platform, null, SEARCH, { search: { region: '84' }, perPage: 100 })).body.data.trainings;
    const open = (await graphql(platform, null, SEARCH, { search: { region: '84', withOpenSession: true }, perPage: 100 })).body.data.trainings;
    const withOpen = all.items.filter((t: { sessions: Array<{ status: string }> }) => t.sessions.some((session) => session.status === 'OPEN'));
    expect(withOpen.length).toBeLessThan(all.items.length);
    expect(open.items).toEqual(withOpen);
    expect(open.total).toBe(withOpen.length);
    for (const training of all.items as Array<{ sessions: Array<{ startDate: string }> }>) {
      const dates = training.sessions.map((session) => session.startDate);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('filters by maximum price, the maximum included', async () => {
    const { body } = await graphql(platform, null, SEARCH, { search: { text: 'anglais', maxPrice: 100000 }, perPage: 100 });
    const prices = body.data.trainings.items.map((t: { price: number }) => t.price);
    expect(body.data.trainings.total).toBe(8);
    expect(prices).toEqual([71000, 65000, 88000, 72000, 73000, 75000, 73000, 100000]);
  });

  it('paginates: the pages put together are the whole result, then an empty page', async () => {
    const whole = (await graphql(platform, null, SEARCH, { search: { region: '84' }, perPage: 100 })).body.data.trainings;
    expect(whole.total).toBe(42);
    const pages = [];
    for (let page = 1; page <= 5; page += 1) {
      pages.push((await graphql(platform, null, SEARCH, { search: { region: '84' }, page, perPage: 10 })).body.data.trainings);
    }
    expect(pages.map((p) => [p.page, p.items.length, p.hasNextPage])).toEqual([
      [1, 10, true],
      [2, 10, true],
      [3, 10, true],
      [4, 10, true],
      [5, 2, false],
    ]);
    expect(pages.flatMap((p) => p.items)).toEqual(whole.items);
    const past = (await graphql(platform, null, SEARCH, { search: { region: '84' }, page: 6, perPage: 10 })).body.data.trainings;
    expect(past).toMatchObject({ items: [], total: 42, hasNextPage: false });
  });

  it('caches the public answers: the same search, however written, reaches the agency once', async () => {
    const before = cpfSearches();
    for (const text of ['Excel TOSA', '  excel   tosa ', 'EXCEL TOSA']) {
      const { body } = await graphql(platform, null, SEARCH, { search: { text } });
      expect(body.data.trainings.total).toBe(40);
    }
    expect(cpfSearches() - before).toBe(1);
  });

  it('gives one training by id, null for an unknown one', async () => {
    const { body } = await graphql(platform, null, `{ a: training(id: "${CACES}") { title price hours certificationCode } b: training(id: "nope") { id } }`);
    expect(body).toEqual({
      data: {
        a: { title: 'CACES R489 — chariots de manutention automoteurs à conducteur porté', price: 130000, hours: 35, certificationCode: 'RS5629' },
        b: null,
      },
    });
  });

  it('refuses bad criteria with BAD_USER_INPUT saying what to fix', async () => {
    const { body } = await graphql(platform, null, SEARCH, { search: { region: '8' } });
    expect(body.errors).toEqual([
      inputRefused(['trainings'], 'search.region', 'INVALID_FORMAT', 'search.region must be a two-digit INSEE region code, such as 84 (got "8").', 'training'),
    ]);
    const tooBig = await graphql(platform, null, SEARCH, { perPage: 101 });
    expect(tooBig.body.errors).toEqual([inputRefused(['trainings'], 'perPage', 'OUT_OF_RANGE', 'perPage must be 1 to 100 (got 101).', 'training')]);
  });

  it('with the Caisse des Dépôts down, answers a search it has cached and fails a new one naming cpf', async () => {
    const cached = { search: { text: 'permis b', region: '75' } };
    const [again, fresh] = await withAgencyDown(platform, 'cpf', () =>
      Promise.all([graphql(platform, null, SEARCH, cached), graphql(platform, null, SEARCH, { search: { text: 'cuisine' } })]),
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.trainings.total).toBe(3);
    expect(fresh.body.data).toBeNull();
    expect(fresh.body.errors).toEqual([agencyDown('cpf', ['trainings'])]);
  });
});

// These tests run in order on one platform: each starts from the balances the previous left.
describe('enrollInTraining', () => {
  it('debits once: a replay with the same key returns the first answer without a second debit', async () => {
    expect(await balanceOf(lucas)).toEqual({ cpf: { balance: 240000 }, enrolments: [] });
    const input = { trainingId: PERMIS_B, sessionId: `${PERMIS_B}-S1`, idempotencyKey: 'lucas-permis-1' };
    const first = await graphql(platform, lucas, ENROL, { input });
    const enrolment = {
      id: 'INS-0000004-1',
      trainingId: PERMIS_B,
      title: 'Permis de conduire B — code et conduite',
      sessionId: `${PERMIS_B}-S1`,
      enrolledOn: TEST_TODAY,
      sessionStartsOn: '2026-12-01',
      amount: 145000,
      status: 'CONFIRMED',
    };
    // The session as the Caisse des Dépôts holds it now: one seat fewer than the 8 listed.
    const session = { id: `${PERMIS_B}-S1`, status: 'OPEN', seatsLeft: 7 };
    expect(first.body).toEqual({ data: { enrollInTraining: { balance: 95000, replayed: false, enrolment, session } } });
    const replay = await graphql(platform, lucas, ENROL, { input });
    expect(replay.body).toEqual({ data: { enrollInTraining: { balance: 95000, replayed: true, enrolment, session } } });
    expect(await balanceOf(lucas)).toEqual({ cpf: { balance: 95000 }, enrolments: [{ id: 'INS-0000004-1' }] });
    // The search the catalogue cached before reads the agency again: the seat taken shows.
    const listed = (await graphql(platform, null, SEARCH, { search: { text: 'permis b', region: '75' } })).body.data.trainings.items[0];
    expect(listed.sessions[0]).toMatchObject({ id: `${PERMIS_B}-S1`, seatsLeft: 7 });
  });

  it('refuses, with a code and what to fix: key reused, closed session, unknown training or session, balance too low', async () => {
    const cases = [
      [{ trainingId: PERMIS_B, sessionId: `${PERMIS_B}-S2`, idempotencyKey: 'lucas-permis-1' }, 'IDEMPOTENCY_KEY_REUSED',
        'Enrolment refused: this idempotencyKey was used for another enrolment; use a new key for a new enrolment.'],
      [{ trainingId: PERMIS_B, sessionId: `${PERMIS_B}-S3`, idempotencyKey: 'k-closed' }, 'SESSION_CLOSED',
        `Enrolment refused: choose an OPEN session of the training. La session ${PERMIS_B}-S3 n'accepte plus d'inscriptions : choisissez une session OUVERTE.`],
      [{ trainingId: 'nope', sessionId: 'nope-S1', idempotencyKey: 'k-unknown' }, 'UNKNOWN_TRAINING',
        'Enrolment refused: use a training id from the `trainings` search. Aucune formation nope au catalogue.'],
      [{ trainingId: PERMIS_B, sessionId: 'nope', idempotencyKey: 'k-session' }, 'UNKNOWN_SESSION',
        `Enrolment refused: use a session id from the training's \`sessions\`. La formation ${PERMIS_B} n'a pas de session nope.`],
      [{ trainingId: PERMIS_B, sessionId: `${PERMIS_B}-S2`, idempotencyKey: 'k-balance' }, 'INSUFFICIENT_BALANCE',
        'Enrolment refused: choose a training your CPF balance covers. La formation coûte 1450 € et le solde du compte est de 950 €.'],
    ] as const;
    for (const [input, code, message] of cases) {
      const { body } = await graphql(platform, lucas, ENROL, { input });
      expect(body).toEqual({ data: null, errors: [refused(['enrollInTraining'], code, message, 'cpf', 'training')] });
    }
    const empty = await graphql(platform, lucas, ENROL, { input: { trainingId: PERMIS_B, sessionId: `${PERMIS_B}-S2`, idempotencyKey: '' } });
    expect(empty.body.errors).toEqual([
      inputRefused(
        ['enrollInTraining'],
        'input.idempotencyKey',
        'REQUIRED',
        'idempotencyKey must be 1 to 200 characters, generated once per enrolment (got 0).',
        'training',
      ),
    ]);
    expect((await balanceOf(lucas)).cpf.balance).toBe(95000);
  });

  it('passes on, as REFUSED_BY_AGENCY with its own words, a value the Caisse des Dépôts refuses that the platform let through', async () => {
    // The platform does not check that ids are non-empty: the agency does, and names the field.
    const { body } = await graphql(platform, lucas, ENROL, { input: { trainingId: '', sessionId: `${PERMIS_B}-S2`, idempotencyKey: 'k-empty-id' } });
    expect(body).toEqual({
      data: null,
      errors: [
        inputRefused(
          ['enrollInTraining'],
          'input.trainingId',
          'REFUSED_BY_AGENCY',
          'Enrolment refused: check the training and session ids. numero_formation est obligatoire (reçu : "").',
          'training',
          'cpf',
        ),
      ],
    });
    expect((await balanceOf(lucas)).cpf.balance).toBe(95000);
  });

  it('refuses an anonymous caller and a person without a CPF', async () => {
    const input = { trainingId: CACES, sessionId: `${CACES}-S1`, idempotencyKey: 'anon' };
    expect((await graphql(platform, null, ENROL, { input })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const jean = await logIn(platform, 'jean.dupont');
    expect((await graphql(platform, jean, ENROL, { input })).body.errors).toEqual([
      refused(['enrollInTraining'], 'NOT_KNOWN_TO_AGENCY', 'The Caisse des Dépôts has no file for you.', 'cpf', 'training'),
    ]);
  });

  it('with the CAF down, enrols and replays as usual: one debit', async () => {
    const input = { trainingId: CACES, sessionId: `${CACES}-S1`, idempotencyKey: 'karim-caces-1' };
    const [first, replay, after] = await withAgencyDown(platform, 'caf', async () => [
      await graphql(platform, karim, ENROL, { input }),
      await graphql(platform, karim, ENROL, { input }),
      await graphql(platform, karim, '{ me { training { cpf { balance } } family { familyQuotient { value } } } }'),
    ]);
    expect(first!.body.data.enrollInTraining).toMatchObject({ balance: 290000, replayed: false, enrolment: { id: 'INS-0000002-2', amount: 130000 } });
    expect(replay!.body.data.enrollInTraining).toMatchObject({ balance: 290000, replayed: true, enrolment: { id: 'INS-0000002-2' } });
    expect(after!.body).toEqual({ data: { me: { training: { cpf: { balance: 290000 } }, family: null } }, errors: [agencyDown('caf')] });
  });

  it('with the Caisse des Dépôts down, fails with AGENCY_UNAVAILABLE; the retry with the same key then debits once', async () => {
    const input = { trainingId: CACES, sessionId: `${CACES}-S2`, idempotencyKey: 'karim-caces-2' };
    const failed = await withAgencyDown(platform, 'cpf', () => graphql(platform, karim, ENROL, { input }));
    expect(failed.body).toEqual({ data: null, errors: [agencyDown('cpf', ['enrollInTraining'])] });
    expect((await balanceOf(karim)).cpf.balance).toBe(290000);
    const retried = await graphql(platform, karim, ENROL, { input });
    expect(retried.body.data.enrollInTraining).toMatchObject({ balance: 160000, replayed: false });
    const again = await graphql(platform, karim, ENROL, { input });
    expect(again.body.data.enrollInTraining).toMatchObject({ balance: 160000, replayed: true });
    expect(await balanceOf(karim)).toEqual({
      cpf: { balance: 160000 },
      enrolments: [{ id: 'INS-0000002-3' }, { id: 'INS-0000002-2' }, { id: 'INS-0000002-1' }],
    });
  });
});
