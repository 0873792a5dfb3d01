import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, TEST_TODAY } from '../../support/platform.ts';
import { agencyDown, inputRefused, refused, withAgencyDown } from './helpers.ts';

const ALERTS = '{ me { alerts { unavailableAgencies items { id kind severity agency title explanation action { label url mutation } } } } }';
const UPDATE = 'mutation($input: MonthlyUpdateInput!) { submitMonthlyUpdate(input: $input) { period recordedOn status } }';
const DECLARED =
  '{ me { employment { monthlyUpdate { period status declaration { recordedOn worked hoursWorked grossPay inTraining onSickLeave stillLookingForWork } } } } }';

const PRIME_ACTIVITE_ACTION = { label: 'Simuler et demander la prime d’activité', url: 'https://www.service-public.fr/particuliers/vosdroits/F2882', mutation: null };
const PRIME_ACTIVITE = {
  id: 'PRIME_ACTIVITE_NOT_CLAIMED',
  kind: 'PRIME_ACTIVITE_NOT_CLAIMED',
  severity: 'WARNING',
  agency: 'CAF',
  title: 'Vous pourriez avoir droit à la prime d’activité',
  explanation:
    'En 2025, vos revenus d’activité étaient d’environ 1 040 € bruts par mois, sous le plafond indicatif d’une personne seule ' +
    '(la CAF n’a pas de dossier à votre nom : votre foyer n’a pas pu être compté) (2 702,70 € bruts), et la CAF ne vous verse pas ' +
    'la prime d’activité. Elle n’est jamais versée sans demande : faites une simulation, puis la demande si elle est positive.',
  action: PRIME_ACTIVITE_ACTION,
};
const c2pUnused = (points: number) => ({
  id: 'C2P_POINTS_UNUSED',
  kind: 'C2P_POINTS_UNUSED',
  severity: 'INFO',
  agency: 'CPF',
  title: `Vos ${points} points de prévention n’ont jamais servi`,
  explanation:
    `Votre compte professionnel de prévention (C2P) compte ${points} points, jamais utilisés. Un point finance 500 € de ` +
    'formation ; 10 points donnent 4 mois de mi-temps sans perte de salaire, ou un trimestre de retraite. ' +
    'Simulez ce que vos points vous donneraient avant de choisir.',
  action: { label: 'Simuler l’usage de vos points', url: 'https://www.compteprofessionnelprevention.fr/', mutation: null },
});
const MONTHLY_UPDATE = {
  id: 'MONTHLY_UPDATE_DUE:2026-10',
  kind: 'MONTHLY_UPDATE_DUE',
  severity: 'WARNING',
  agency: 'FRANCE_TRAVAIL',
  title: 'Actualisation d’octobre 2026 à faire',
  explanation:
    'Vous n’avez pas encore déclaré votre situation d’octobre 2026 à France Travail. Faites-la au plus tard le 15 novembre 2026 (dans 5 jours). ' +
    'Sans cette actualisation, votre allocation n’est pas versée.',
  action: { label: 'Faire votre actualisation', url: 'https://www.francetravail.fr/', mutation: 'submitMonthlyUpdate' },
};

/** Narrow no-break spaces and no-break spaces as plain ones, to write expected French texts. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/[\u202f\u00a0]/g, ' '));

let platform: RunningPlatform;
const browsers = new Map<string, Browser>();

beforeAll(async () => {
  platform = await startTestPlatform();
  const logins = ['lucas.petit', 'camille.martin', 'sophie.lefevre', 'karim.benali', 'aicha.diallo', 'jean.dupont'];
  await Promise.all(logins.map(async (login) => browsers.set(login, await logIn(platform, login))));
});

afterAll(async () => {
  await platform?.close();
});

const alertsOf = async (login: string) => {
  const answer = await graphql(platform, browsers.get(login)!, ALERTS);
  return { ...answer, body: plain(answer.body) };
};

describe('alerts across agencies', () => {
  it("lucas.petit, a low earner unknown to the CAF, gets the prime d'activité alert", async () => {
    const { body } = await alertsOf('lucas.petit');
    expect(body).toEqual({ data: { me: { alerts: { unavailableAgencies: [], items: [PRIME_ACTIVITE] } } } });
  });

  it('each persona gets the alerts of their situation, most urgent first', async () => {
    const ids = async (login: string) => (await alertsOf(login)).body.data.me.alerts.items.map((a: { id: string }) => a.id);
    expect(await ids('camille.martin')).toEqual(['C2P_POINTS_UNUSED']);
    expect(await ids('sophie.lefevre')).toEqual(['CPF_NEAR_CAP', 'C2P_POINTS_UNUSED']);
    expect(await ids('karim.benali')).toEqual(['MONTHLY_UPDATE_DUE:2026-10']);
    // Known to the CAF for RSA majoré and ASF, not the prime d'activité, on a part-time wage.
    expect(await ids('aicha.diallo')).toEqual(['PRIME_ACTIVITE_NOT_CLAIMED']);
    expect(await ids('jean.dupont')).toEqual([]);
  });

  it("counts aicha.diallo's household, from the CAF, with the isolated parent's majoration of D843-1", async () => {
    expect((await alertsOf('aicha.diallo')).body.data.me.alerts.items).toEqual([
      {
        ...PRIME_ACTIVITE,
        explanation:
          'En 2025, vos revenus d’activité étaient d’environ 1 095 € bruts par mois, sous le plafond indicatif d’un parent isolé ' +
          'avec un enfant de moins de 3 ans (4 627,45 € bruts), et la CAF ne vous verse pas la prime d’activité. Elle n’est jamais ' +
          'versée sans demande : faites une simulation, puis la demande si elle est positive.',
      },
    ]);
  });

  it('writes French typography and no API name: curly apostrophes, long dates, no camelCase', async () => {
    for (const login of browsers.keys()) {
      for (const alert of (await alertsOf(login)).body.data.me.alerts.items as Array<{ title: string; explanation: string; action: { label: string } }>) {
        const texts = [alert.title, alert.explanation, alert.action.label].join(' ');
        expect(texts).not.toMatch(/'|\d{2}\/\d{2}\/\d{4}|\b[a-z]+[A-Z]\w*\b/);
      }
    }
  });

  it('explains each one with the person’s figures and the action to take', async () => {
    expect((await alertsOf('camille.martin')).body.data.me.alerts.items).toEqual([c2pUnused(40)]);
    expect((await alertsOf('sophie.lefevre')).body.data.me.alerts.items).toEqual([
      {
        id: 'CPF_NEAR_CAP',
        kind: 'CPF_NEAR_CAP',
        severity: 'WARNING',
        agency: 'CPF',
        title: 'Votre CPF atteint bientôt son plafond',
        explanation:
          'Votre compte personnel de formation a 4 810 € pour un plafond de 5 000 € : votre prochaine alimentation, ' +
          'le 15 avril 2027, sera réduite à 190 €. Au-delà du plafond, les droits ne s’accumulent plus : utilisez-les pour une formation.',
        action: { label: 'Choisir une formation', url: 'https://www.moncompteformation.gouv.fr/', mutation: 'enrollInTraining' },
      },
      c2pUnused(44),
    ]);
    expect((await alertsOf('karim.benali')).body.data.me.alerts.items).toEqual([MONTHLY_UPDATE]);
  });
});

describe('with one agency down', () => {
  it("lucas.petit still gets the prime d'activité alert when the Caisse des Dépôts is down", async () => {
    const { body } = await withAgencyDown(platform, 'cpf', () => alertsOf('lucas.petit'));
    expect(body).toEqual({ data: { me: { alerts: { unavailableAgencies: ['CPF'], items: [PRIME_ACTIVITE] } } }, errors: [agencyDown('cpf')] });
  });

  it('with the CAF or the career register down, the alert is withheld rather than guessed, and the agency named', async () => {
    const withoutCaf = await withAgencyDown(platform, 'caf', () => alertsOf('lucas.petit'));
    expect(withoutCaf.body).toEqual({ data: { me: { alerts: { unavailableAgencies: ['CAF'], items: [] } } }, errors: [agencyDown('caf')] });
    const withoutRgcu = await withAgencyDown(platform, 'rgcu', () => alertsOf('lucas.petit'));
    expect(withoutRgcu.body).toEqual({ data: { me: { alerts: { unavailableAgencies: ['RGCU'], items: [] } } }, errors: [agencyDown('rgcu')] });
  });

  it("sophie.lefevre's CPF alerts go with the Caisse des Dépôts; the others stay", async () => {
    const { body } = await withAgencyDown(platform, 'cpf', () => alertsOf('sophie.lefevre'));
    expect(body).toEqual({ data: { me: { alerts: { unavailableAgencies: ['CPF'], items: [] } } }, errors: [agencyDown('cpf')] });
    const withoutCaf = await withAgencyDown(platform, 'caf', () => alertsOf('sophie.lefevre'));
    expect(withoutCaf.body.data.me.alerts.items.map((a: { id: string }) => a.id)).toEqual(['CPF_NEAR_CAP', 'C2P_POINTS_UNUSED']);
  });
});

// These run in order on one platform: the monthly update, once made, stays made.
describe("karim.benali's monthly update", () => {
  const declaration = { period: '2026-10', worked: false, inTraining: false, onSickLeave: false, stillLookingForWork: true };
  const karim = () => browsers.get('karim.benali')!;

  it('refuses an inconsistent or impossible declaration with BAD_USER_INPUT naming the field, why, and what to send', async () => {
    const cases = [
      [{ ...declaration, worked: true }, 'input.hoursWorked', 'REQUIRED', 'hoursWorked is required when worked is true.'],
      [{ ...declaration, worked: true, hoursWorked: 20 }, 'input.grossPay', 'REQUIRED', 'grossPay is required when worked is true.'],
      [{ ...declaration, grossPay: 30000 }, 'input.grossPay', 'NOT_EXPECTED', 'grossPay must be absent or 0 when worked is false (got 30000).'],
      [{ ...declaration, worked: true, hoursWorked: 214, grossPay: 30000 }, 'input.hoursWorked', 'OUT_OF_RANGE',
        'hoursWorked must be more than 0 and at most 213, the most a month holds at 48 hours a week (got 214).'],
      [{ ...declaration, worked: true, hoursWorked: 0, grossPay: 30000 }, 'input.hoursWorked', 'OUT_OF_RANGE',
        'hoursWorked must be more than 0 and at most 213, the most a month holds at 48 hours a week (got 0).'],
      // The declaration the issue found accepted: 35 hours for 99 999 999 €.
      [{ ...declaration, worked: true, hoursWorked: 35, grossPay: 9_999_999_900 }, 'input.grossPay', 'OUT_OF_RANGE',
        'grossPay must be more than 0 and at most 1602000 cents, four times the monthly social security ceiling (got 9999999900); it is in cents.'],
      [{ ...declaration, period: '2026-13' }, 'input.period', 'INVALID_FORMAT', 'period must be a month as YYYY-MM, such as 2026-10 (got "2026-13").'],
    ] as const;
    for (const [input, field, reason, message] of cases) {
      const { body } = await graphql(platform, karim(), UPDATE, { input });
      expect(body).toEqual({ data: null, errors: [inputRefused(['submitMonthlyUpdate'], field, reason, message, 'employment')] });
    }
    expect((await graphql(platform, karim(), DECLARED)).body.data.me.employment.monthlyUpdate).toEqual({ period: '2026-10', status: 'DUE', declaration: null });
    // The bounds in force, for a form to check before sending: 213 hours, 4 × 4 005 € in 2026.
    const limits = await graphql(platform, karim(), '{ me { employment { monthlyUpdate { limits { maxHoursWorked maxGrossPay } } } } }');
    expect(limits.body.data.me.employment.monthlyUpdate.limits).toEqual({ maxHoursWorked: 213, maxGrossPay: 1602000 });
    const closed = await graphql(platform, karim(), UPDATE, { input: { ...declaration, period: '2026-09' } });
    expect(closed.body.errors).toEqual([
      refused(
        ['submitMonthlyUpdate'],
        'MONTHLY_UPDATE_PERIOD_NOT_OPEN',
        'France Travail refused the monthly update: La période ouverte est 2026-10 (du 2026-10-28 au 2026-11-15) ; reçu : 2026-09.',
        'france-travail',
        'employment',
      ),
    ]);
  });

  it('with France Travail down, fails with AGENCY_UNAVAILABLE and records nothing', async () => {
    const { body } = await withAgencyDown(platform, 'france-travail', () => graphql(platform, karim(), UPDATE, { input: declaration }));
    expect(body).toEqual({ data: null, errors: [agencyDown('france-travail', ['submitMonthlyUpdate'])] });
    expect((await alertsOf('karim.benali')).body.data.me.alerts.items).toEqual([MONTHLY_UPDATE]);
  });

  it('with the CAF down, is recorded; the alert goes; a second one is refused', async () => {
    const [made, alerts] = await withAgencyDown(platform, 'caf', async () => [
      await graphql(platform, karim(), UPDATE, { input: { ...declaration, worked: true, hoursWorked: 12.5, grossPay: 18000 } }),
      await alertsOf('karim.benali'),
    ]);
    expect(made!.body).toEqual({ data: { submitMonthlyUpdate: { period: '2026-10', recordedOn: TEST_TODAY, status: 'DONE' } } });
    // What was declared and when, read back from France Travail.
    expect((await graphql(platform, karim(), DECLARED)).body.data.me.employment.monthlyUpdate).toEqual({
      period: '2026-10',
      status: 'DONE',
      declaration: {
        recordedOn: TEST_TODAY,
        worked: true,
        hoursWorked: 12.5,
        grossPay: 18000,
        inTraining: false,
        onSickLeave: false,
        stillLookingForWork: true,
      },
    });
    expect(alerts!.body).toEqual({ data: { me: { alerts: { unavailableAgencies: ['CAF'], items: [] } } }, errors: [agencyDown('caf')] });
    const again = await graphql(platform, karim(), UPDATE, { input: declaration });
    expect(again.body.errors).toEqual([
      refused(
        ['submitMonthlyUpdate'],
        'MONTHLY_UPDATE_ALREADY_DONE',
        "France Travail refused the monthly update: L'actualisation de 2026-10 est déjà faite.",
        'france-travail',
        'employment',
      ),
    ]);
  });

  it('refuses someone not known to France Travail', async () => {
    const { body } = await graphql(platform, browsers.get('lucas.petit')!, UPDATE, { input: declaration });
    expect(body.errors).toEqual([refused(['submitMonthlyUpdate'], 'NOT_KNOWN_TO_AGENCY', 'France Travail has no file for you.', 'france-travail', 'employment')]);
  });
});
