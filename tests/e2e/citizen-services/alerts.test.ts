import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, TEST_TODAY } from '../../support/platform.ts';
import { agencyDown, refused, withAgencyDown } from './helpers.ts';

const ALERTS = '{ me { alerts { unavailableAgencies items { id kind severity agency title explanation action { label url mutation } } } } }';
const UPDATE = 'mutation($input: MonthlyUpdateInput!) { submitMonthlyUpdate(input: $input) { period recordedOn status } }';

const PRIME_ACTIVITE = {
  id: 'PRIME_ACTIVITE_NOT_CLAIMED',
  kind: 'PRIME_ACTIVITE_NOT_CLAIMED',
  severity: 'WARNING',
  agency: 'CAF',
  title: "Vous pourriez avoir droit à la prime d'activité",
  explanation:
    "En 2025, vos revenus d'activité étaient d'environ 1 040 € bruts par mois, sous le plafond indicatif d'une personne seule " +
    "(2 702,70 € bruts), et la CAF ne vous verse pas la prime d'activité. Elle n'est jamais versée sans demande : faites une " +
    'simulation, puis la demande si elle est positive.',
  action: { label: "Simuler et demander la prime d'activité", url: 'https://www.service-public.fr/particuliers/vosdroits/F2882', mutation: null },
};
const c2pUnused = (points: number) => ({
  id: 'C2P_POINTS_UNUSED',
  kind: 'C2P_POINTS_UNUSED',
  severity: 'INFO',
  agency: 'CPF',
  title: `Vos ${points} points de prévention n'ont jamais servi`,
  explanation:
    `Votre compte professionnel de prévention (C2P) compte ${points} points, jamais utilisés. Un point finance 500 € de ` +
    'formation ; 10 points donnent 4 mois de mi-temps sans perte de salaire, ou un trimestre de retraite. Simulez leur ' +
    'usage (simulateC2PUse) avant de choisir.',
  action: { label: 'Utiliser vos points de prévention', url: 'https://www.compteprofessionnelprevention.fr/', mutation: null },
});
const MONTHLY_UPDATE = {
  id: 'MONTHLY_UPDATE_DUE:2026-10',
  kind: 'MONTHLY_UPDATE_DUE',
  severity: 'WARNING',
  agency: 'FRANCE_TRAVAIL',
  title: "Actualisation d'octobre 2026 à faire",
  explanation:
    "Votre actualisation mensuelle d'octobre 2026 n'est pas faite. Faites-la au plus tard le 15/11/2026 (dans 5 jours). " +
    "Sans elle, votre allocation n'est pas versée.",
  action: { label: 'Faire votre actualisation', url: 'https://www.francetravail.fr/', mutation: 'submitMonthlyUpdate' },
};

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

const alertsOf = (login: string) => graphql(platform, browsers.get(login)!, ALERTS);

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
          'Votre compte personnel de formation a 4 810 € pour un plafond de 5 000 € : votre prochaine alimentation ' +
          '(15/04/2027) sera réduite à 190 €. Au-delà du plafond, les droits ne s’accumulent plus : utilisez-les pour une formation.',
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

  it('refuses an inconsistent declaration with BAD_USER_INPUT naming the field to fix', async () => {
    const cases = [
      [{ ...declaration, worked: true }, 'hoursWorked is required when worked is true.'],
      [{ ...declaration, worked: true, hoursWorked: 20 }, 'grossPay is required when worked is true.'],
      [{ ...declaration, grossPay: 30000 }, 'grossPay must be absent or 0 when worked is false (got 30000).'],
      [{ ...declaration, worked: true, hoursWorked: 800, grossPay: 30000 }, 'hoursWorked must be 0 to 744 (got 800).'],
      [{ ...declaration, period: '2026-13' }, 'period must be a month as YYYY-MM, such as 2026-10 (got "2026-13").'],
    ] as const;
    for (const [input, message] of cases) {
      const { body } = await graphql(platform, karim(), UPDATE, { input });
      expect(body).toEqual({ data: null, errors: [refused(['submitMonthlyUpdate'], 'BAD_USER_INPUT', message, undefined, 'employment')] });
    }
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
