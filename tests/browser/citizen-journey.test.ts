import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Route } from 'playwright-core';
import { normalise } from '../support/chromium.ts';
import { longDate, ofMonth, dateTime } from '../../contract/french.ts';
import { ACTUALISATION_CLOSES_DAY, ACTUALISATION_OPENS_DAY } from '../../mocks/population/referential/rules.ts';
import { graphql, logIn, TEST_TODAY } from '../support/platform.ts';
import { expectAccessible, rendered, textOf, tiles, WebAppUnderTest } from '../support/web-app.ts';

// The journey of issue 15, persona by persona, in a real browser against the whole platform
// (population and rules as of 2026-11-10): the simulators and their explanations, the alerts
// leading into the app, messaging, the catalogue, the timeline, and the loading, error and empty
// states; and, on a second platform at the real date, that the population's dates follow today.
// Screenshots and axe-core reports land in test-artifacts/browser/.

/** Every screen of the app (web/src/router.ts): its path under /app/ and its title. */
const SCREENS: Array<[string, string]> = [
  ['', 'Tableau de bord'],
  ['formation', 'Formation'],
  ['formation/points-de-prevention', 'Utiliser mes points de prévention'],
  ['formation/projection', 'Projeter mon compte formation'],
  ['retraite', 'Retraite'],
  ['retraite/estimation', 'Estimer ma pension à un autre âge'],
  ['famille', 'Famille'],
  ['emploi', 'Emploi'],
  ['formations', 'Trouver une formation'],
  ['parcours', 'Mon parcours'],
  ['messagerie', 'Messagerie'],
  ['alertes', 'Mes alertes'],
  ['partage', 'Partage de mes données'],
  ['journal', 'Journal des accès'],
];

/** The platform's clock: the test date, which one test moves forward and puts back. */
const clock = { now: new Date(`${TEST_TODAY}T12:00:00Z`) };

let app: WebAppUnderTest;
let page: Page;

beforeAll(async () => {
  app = await WebAppUnderTest.start({ platform: { now: () => clock.now } });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

afterEach(async () => {
  await page?.close();
});

async function signedIn(login: string): Promise<Page> {
  page = await app.newPage();
  await app.signIn(page, login);
  return page;
}

/** The rows of the first table of the page, each as its normalised text. */
async function rowsOf(target: Page, caption: string): Promise<string[]> {
  return (await target.getByRole('region', { name: caption }).locator('tbody tr').allInnerTexts()).map(normalise);
}

describe('the simulators, each result explained by the API', () => {
  it('sophie.lefevre sees she can leave now, then estimates her pension at 63 y 6 m with the rules that make it', async () => {
    await signedIn('sophie.lefevre');
    await app.open(page, 'retraite');
    expect(await textOf(page.locator('.cdc-facts').first())).toBe(
      'Trimestres validés 164 sur 170 requis pour le taux plein ' +
        'Âge légal de départ 62 ans et 9 mois, atteint le 21 mars 2026 : vous pouvez partir à la retraite dès maintenant',
    );
    // The complementary scheme counts points: its rows say so instead of « 0 » quarters.
    const career = await rowsOf(page, 'Périodes de carrière par régime, de la plus récente à la plus ancienne');
    const complementary = career.filter((row) => row.includes('Agirc-Arrco'));
    expect(complementary.length).toBeGreaterThan(40);
    expect(complementary.every((row) => row.includes('Des points (régime complémentaire)'))).toBe(true);
    await expectAccessible(page, 'retraite-age-atteint');

    await page.getByRole('link', { name: 'Estimer ma pension à un autre âge' }).click();
    await page.waitForURL(app.url('retraite/estimation'));
    await rendered(page);
    expect(await textOf(page.locator('[data-explanation] .fr-text--lg'))).toBe(
      'En partant à 64 ans et 1 mois, le 1er août 2027, votre pension serait d’environ 1 509,06 € brut par mois, au taux plein.',
    );
    await expectAccessible(page, 'simulateur-retraite');

    await page.getByLabel(/Âge de départ : années/).fill('63');
    await page.getByLabel(/Et mois/).fill('6');
    await page.getByRole('button', { name: 'Estimer ma pension' }).click();
    const result = page.locator('[aria-live] [data-result="pension"]');
    await result.waitFor();
    expect(await textOf(result.locator('.cdc-facts').first())).toBe(
      'Montant estimé 1 426,47 € brut par mois Âge de départ 63 ans et 6 mois, à partir du 1er janvier 2027 Taux Taux réduit (décote)',
    );
    expect(await textOf(result.locator('[data-explanation] .fr-text--lg'))).toBe(
      'En partant à 63 ans et 6 mois, le 1er janvier 2027, votre pension serait d’environ 1 426,47 € brut par mois, au taux réduit, avec une décote de 3 trimestres.',
    );
    expect(await textOf(result.locator('[data-explanation] .cdc-facts'))).toBe(
      'Âge de départ choisi 63 ans et 6 mois Date de départ 1er janvier 2027 Trimestres validés à ce jour 164 ' +
        'Trimestres au départ, si votre activité continue 167 (calcul de l’Assurance retraite)',
    );
    expect((await result.locator('[data-explanation] tbody tr').allInnerTexts()).map(normalise)).toEqual([
      'Âge légal de départ pour les personnes nées en 1963 62 ans et 9 mois 1er septembre 2023 Code de la sécurité sociale, art. L161-17-2, modifié par la loi n° 2023-270 du 14 avril 2023 (art. 10)',
      'Trimestres requis pour le taux plein, génération 1963 170 1er septembre 2023 Code de la sécurité sociale, art. L161-17-3, modifié par la loi n° 2023-270 du 14 avril 2023 (art. 10)',
      expect.stringMatching(/^Âge du taux plein, quel que soit le nombre de trimestres 67 ans 1er septembre 2023 Code de la sécurité sociale, art\. L351-8/),
      expect.stringMatching(/^Décote par trimestre manquant pour le taux plein, avant cet âge 1,25 % de la pension, 20 trimestres au plus 1er septembre 2023 /),
      expect.stringMatching(/^Surcote par trimestre travaillé au-delà des trimestres requis, après l’âge légal 1,25 % de la pension 1er septembre 2023 /),
    ]);
    await expectAccessible(page, 'simulateur-retraite-resultat');

    await page.getByLabel(/Âge de départ : années/).fill('62');
    await page.getByLabel(/Et mois/).fill('0');
    await page.getByRole('button', { name: 'Estimer ma pension' }).click();
    await page.locator('.cdc-outcome .fr-alert--error').waitFor();
    expect(await textOf(page.locator('.cdc-outcome'))).toBe(
      'Estimation impossible. L’Assurance retraite n’estime pas un départ à cet âge : choisissez un départ à venir, de votre âge légal (62 ans et 9 mois) à 70 ans.',
    );
    await page.getByLabel(/Et mois/).fill('12');
    await page.getByRole('button', { name: 'Estimer ma pension' }).click();
    expect(await page.locator('.fr-error-text:not([hidden])').allInnerTexts()).toEqual(['Indiquez un nombre de mois de 0 à 11.']);
    await expectAccessible(page, 'simulateur-retraite-erreurs');
    expect(app.consoleErrors).toEqual([]);
  });

  it('sophie.lefevre’s C2P alert leads to the simulator in words, where she tries a use of her 44 points', async () => {
    await signedIn('sophie.lefevre');
    await app.navigate(page, 'Mes alertes', 'alertes');
    const c2p = page.locator('[data-alert="C2P_POINTS_UNUSED"]');
    expect(await textOf(c2p)).toBe(
      'Vos 44 points de prévention n’ont jamais servi POUR INFORMATION Caisse des Dépôts ' +
        'Votre compte professionnel de prévention (C2P) compte 44 points, jamais utilisés. Un point finance 500 € de formation ; ' +
        '10 points donnent 4 mois de mi-temps sans perte de salaire, ou un trimestre de retraite. Simulez ce que vos points vous donneraient avant de choisir. ' +
        'Simuler l’usage de vos points',
    );
    // The CPF cap alert leads to the catalogue of this app.
    expect(await page.locator('[data-alert="CPF_NEAR_CAP"]').getByRole('link', { name: 'Choisir une formation' }).getAttribute('href')).toBe('/app/formations');
    await c2p.getByRole('link', { name: 'Simuler l’usage de vos points' }).click();
    await page.waitForURL(app.url('formation/points-de-prevention'));
    await rendered(page);
    expect(await textOf(page.locator('.cdc-facts').first())).toBe('Points disponibles 44 points Réservés à la formation 20 points Librement utilisables 24 points');
    expect(await rowsOf(page, 'Ce que valent vos points : les règles en vigueur')).toEqual([
      'Un point finance une part de formation 500 € par point Code du travail, art. L4163-7 et R4163-13, dans leur rédaction issue de la réforme des retraites de 2023 (1er septembre 2023)',
      'Des points donnent des trimestres de retraite, dans une limite 10 points par trimestre, 8 trimestres au plus Code du travail, art. L4163-7 et R4163-13, dans leur rédaction issue de la réforme des retraites de 2023 (1er septembre 2023)',
      'Des points financent un mi-temps payé comme un plein temps 10 points pour 4 mois Code du travail, art. L4163-7 et R4163-13, dans leur rédaction issue de la réforme des retraites de 2023 (1er septembre 2023)',
      'Les premiers points acquis ne peuvent servir qu’à une formation 20 points pour les personnes nées à partir de 1963, 10 points de 1960 à 1962, aucun avant Code du travail, art. R4163-11',
    ]);
    await expectAccessible(page, 'simulateur-c2p');

    const uses = { formation: page.getByLabel(/Points pour une formation/), retraite: page.getByLabel(/Points pour des trimestres de retraite/) };
    await uses.formation.fill('20');
    await uses.retraite.fill('20');
    await page.getByRole('button', { name: 'Simuler' }).click();
    const result = page.locator('[data-result="c2p"]');
    await result.waitFor();
    expect(await textOf(result.locator('.cdc-facts').first())).toBe(
      'Formation financée 10 000 € Trimestres de retraite 2 trimestres Mi-temps sans perte de salaire 0 mois Points utilisés 40 points ' +
        'Points restants 4 points, dont 0 point réservé à la formation',
    );
    expect(await textOf(result.locator('[data-explanation] .fr-text--lg'))).toBe(
      '40 points vous donneraient 10 000 € de formation et 2 trimestres de retraite ; il vous resterait 4 points.',
    );
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Résultat de la simulation');
    await expectAccessible(page, 'simulateur-c2p-resultat');

    // An uneven block is said under its field; reserved points asked for retirement, for the whole form.
    await uses.retraite.fill('15');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.locator('.fr-error-text:not([hidden])').waitFor();
    expect(await page.locator('.fr-error-text:not([hidden])').allInnerTexts()).toEqual([
      'Ce nombre de points ne donne pas de périodes entières : voyez les règles ci-dessus.',
    ]);
    expect(await page.evaluate('document.activeElement.name')).toBe('retirement');
    await uses.formation.fill('0');
    await uses.retraite.fill('30');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.locator('.cdc-outcome .fr-alert--error').waitFor();
    expect(await textOf(page.locator('.cdc-outcome'))).toBe(
      'Simulation impossible. 20 points ne peuvent servir qu’à une formation : 24 points au plus pour la retraite et le mi-temps.',
    );
    await expectAccessible(page, 'simulateur-c2p-erreurs');

    // Her training page leads there too.
    await app.open(page, 'formation');
    await page.getByRole('link', { name: 'Simuler l’usage de mes points' }).click();
    await page.waitForURL(app.url('formation/points-de-prevention'));
    await rendered(page);
    expect(await textOf(page.locator('.cdc-facts').first())).toBe('Points disponibles 44 points Réservés à la formation 20 points Librement utilisables 24 points');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Utiliser mes points de prévention');
    expect(app.consoleErrors).toEqual([]);
  }, 60_000);

  it('lucas.petit projects his CPF from his training page, year by year up to the cap', async () => {
    await signedIn('lucas.petit');
    await app.open(page, 'formation');
    await page.getByRole('link', { name: 'Projeter mon compte dans les années qui viennent' }).click();
    await page.waitForURL(app.url('formation/projection'));
    await rendered(page);
    const credits = () => rowsOf(page, 'Alimentations à venir, de la prochaine à la dernière');
    expect(await credits()).toEqual([
      '15 avril 2027 2026 800,00 € 3 200,00 € —',
      '15 avril 2028 2027 800,00 € 4 000,00 € —',
      '15 avril 2029 2028 800,00 € 4 800,00 € —',
      '15 avril 2030 2029 800,00 € 5 600,00 € —',
      '15 avril 2031 2030 800,00 € 6 400,00 € —',
      '15 avril 2032 2031 800,00 € 7 200,00 € —',
      '15 avril 2033 2032 800,00 € 8 000,00 € —',
      '15 avril 2034 2033 0,00 € 8 000,00 € ATTEINT',
      '15 avril 2035 2034 0,00 € 8 000,00 € ATTEINT',
      '15 avril 2036 2035 0,00 € 8 000,00 € ATTEINT',
    ]);
    expect(await textOf(page.locator('[data-explanation] .fr-text--lg'))).toBe(
      'Sans rien dépenser, votre compte atteindrait 8 000 € le 15 avril 2036, après 10 alimentations annuelles. ' +
        'Il atteindrait son plafond le 15 avril 2033 : ensuite, vos droits ne s’accumulent plus, utilisez-les pour une formation.',
    );
    expect(await textOf(page.locator('[data-explanation] .cdc-facts'))).toBe(
      'Solde aujourd’hui 2 400 € Dernière alimentation 15 avril 2026 Diplôme de niveau 3 (CAP, BEP) non : taux majoré Années projetées 10 ans ' +
        'Hypothèse vous travaillez au moins à mi-temps chaque année et ne dépensez rien',
    );
    await expectAccessible(page, 'simulateur-cpf');

    await page.getByLabel(/Nombre d’années/).fill('46');
    await page.getByRole('button', { name: 'Projeter' }).click();
    expect(await page.locator('.fr-error-text:not([hidden])').allInnerTexts()).toEqual(['Indiquez un nombre entier d’années, de 1 à 45.']);
    await page.getByLabel(/Nombre d’années/).fill('3');
    await page.getByRole('button', { name: 'Projeter' }).click();
    await page.getByRole('heading', { name: 'Projection sur 3 ans' }).waitFor();
    expect(await credits()).toHaveLength(3);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('alerts, household and messaging', () => {
  it('aicha.diallo’s prime d’activité screening counts her household, with the isolated parent’s majoration', async () => {
    await signedIn('aicha.diallo');
    await app.navigate(page, 'Mes alertes', 'alertes');
    const alert = page.locator('[data-alert="PRIME_ACTIVITE_NOT_CLAIMED"]');
    expect(await textOf(alert)).toBe(
      'Vous pourriez avoir droit à la prime d’activité À FAIRE BIENTÔT CAF ' +
        'En 2025, vos revenus d’activité étaient d’environ 1 095 € bruts par mois, sous le plafond indicatif d’un parent isolé avec un enfant de moins de 3 ans ' +
        '(4 627,45 € bruts), et la CAF ne vous verse pas la prime d’activité. Elle n’est jamais versée sans demande : faites une simulation, puis la demande si elle est positive. ' +
        'Simuler et demander la prime d’activité',
    );
    // This app cannot claim it: the action opens the claim where it is made.
    const action = alert.getByRole('link', { name: 'Simuler et demander la prime d’activité' });
    expect([await action.getAttribute('href'), await action.getAttribute('target')]).toEqual(['https://www.service-public.fr/particuliers/vosdroits/F2882', '_blank']);
    await expectAccessible(page, 'alertes-aicha');
    expect(app.consoleErrors).toEqual([]);
  });

  it('lucas.petit, unknown to the CAF, is screened alone, and may write only to the agencies that hold a file on him, line breaks kept', async () => {
    await signedIn('lucas.petit');
    await app.navigate(page, 'Mes alertes', 'alertes');
    expect(await textOf(page.locator('[data-alert="PRIME_ACTIVITE_NOT_CLAIMED"] > p').nth(1))).toBe(
      'En 2025, vos revenus d’activité étaient d’environ 1 040 € bruts par mois, sous le plafond indicatif d’une personne seule ' +
        '(la CAF n’a pas de dossier à votre nom : votre foyer n’a pas pu être compté) (2 702,70 € bruts), et la CAF ne vous verse pas la prime d’activité. ' +
        'Elle n’est jamais versée sans demande : faites une simulation, puis la demande si elle est positive.',
    );

    await app.navigate(page, 'Messagerie', 'messagerie');
    expect(await page.getByLabel('Organisme', { exact: true }).locator('option:not([hidden])').allInnerTexts()).toEqual(['Caisse des Dépôts', 'Assurance retraite']);
    expect(await textOf(page.locator('[data-absent-agencies]'))).toBe(
      'La CAF n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici. France Travail n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici.',
    );
    await expectAccessible(page, 'messagerie-destinataires');
    await page.getByLabel('Organisme', { exact: true }).selectOption({ label: 'Caisse des Dépôts' });
    await page.getByLabel('Objet').fill('Permis de conduire');
    await page.getByRole('textbox', { name: 'Message' }).fill('Bonjour,\n\nPuis-je payer le permis B avec mon CPF ?\nMerci,\nLucas Petit');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByText('Votre message a été envoyé à la Caisse des Dépôts.').waitFor();
    const sent = page.locator('article[data-message-id]').first();
    expect(await sent.locator('.cdc-message__body').innerText()).toBe('Bonjour,\n\nPuis-je payer le permis B avec mon CPF ?\nMerci,\nLucas Petit');
    await expectAccessible(page, 'messagerie-sauts-de-ligne');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('every alert’s action', () => {
  it('leads into the app wherever the app can do it, for every persona who has alerts; the prime d’activité to where it is claimed', async () => {
    const links: Record<string, Array<[string | null, string | null]>> = {};
    for (const login of ['camille.martin', 'karim.benali', 'sophie.lefevre', 'lucas.petit', 'aicha.diallo', 'jean.dupont']) {
      await page?.close();
      await signedIn(login);
      await app.open(page, 'alertes');
      links[login] = await page.locator('[data-alert]').evaluateAll((items) => items.map((item) => [item.getAttribute('data-alert'), item.querySelector('a')!.getAttribute('href')]));
    }
    expect(links).toEqual({
      'camille.martin': [['C2P_POINTS_UNUSED', '/app/formation/points-de-prevention']],
      'karim.benali': [['MONTHLY_UPDATE_DUE', '/app/emploi']],
      'sophie.lefevre': [
        ['CPF_NEAR_CAP', '/app/formations'],
        ['C2P_POINTS_UNUSED', '/app/formation/points-de-prevention'],
      ],
      'lucas.petit': [['PRIME_ACTIVITE_NOT_CLAIMED', 'https://www.service-public.fr/particuliers/vosdroits/F2882']],
      'aicha.diallo': [['PRIME_ACTIVITE_NOT_CLAIMED', 'https://www.service-public.fr/particuliers/vosdroits/F2882']],
      'jean.dupont': [],
    });
    // Each in-app target is a screen of the app.
    const inApp = Object.values(links).flat().map(([, href]) => href!).filter((href) => href.startsWith('/app/'));
    for (const href of new Set(inApp)) expect(SCREENS.map(([path]) => `/app/${path}`)).toContain(href);
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);

  it('aicha.diallo, on 2 June 2027, is told her RSA majoré ends on 31 August 2027, and the action opens messaging with the CAF chosen', async () => {
    // No persona's right ends within 90 days of the files' date: read later, aicha's does (her files as of 10 November 2026;
    // the alert looks 90 days ahead, to 31 August from 2 June).
    clock.now = new Date('2027-06-02T12:00:00Z');
    try {
      await signedIn('aicha.diallo');
      await app.navigate(page, 'Mes alertes', 'alertes');
      const ending = page.locator('[data-alert="BENEFIT_ENDING"]');
      expect(await textOf(ending)).toBe(
        'Fin de votre droit : Revenu de solidarité active majoré À FAIRE BIENTÔT CAF ' +
          'Votre droit (Revenu de solidarité active majoré) prend fin le 31 août 2027, dans 90 jours. Demandez à la CAF ce qui peut prendre le relais et mettez votre situation à jour. ' +
          'Écrire à la CAF',
      );
      await expectAccessible(page, 'alertes-fin-de-droit');
      await ending.getByRole('link', { name: 'Écrire à la CAF' }).click();
      await page.waitForURL(app.url('messagerie?organisme=CAF'));
      await rendered(page);
      expect(await page.getByLabel('Organisme', { exact: true }).locator('option:checked').innerText()).toBe('CAF');
      await expectAccessible(page, 'messagerie-fin-de-droit');
      expect(app.consoleErrors).toEqual([]);
    } finally {
      clock.now = new Date(`${TEST_TODAY}T12:00:00Z`);
    }
  });
});

describe('the catalogue', () => {
  it('camille.martin finds it in the main menu, by region, open sessions only; what her balance does not cover says what is missing; a refused confirmation leaves nothing to click again', async () => {
    await signedIn('camille.martin');
    await app.navigate(page, 'Trouver une formation', 'formations');
    await page.getByLabel('Région (facultatif)').selectOption({ label: 'Occitanie' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('[data-state="results"]').waitFor();
    const trainings = page.locator('article[data-training-id]');
    expect((await trainings.locator('h3 + p').allInnerTexts()).every((text) => text.endsWith('— Occitanie'))).toBe(true);
    // Only sessions one can enrol in: no « complète » session, and every training has one.
    expect(await page.getByText(/complète/i).count()).toBe(0);
    for (const training of await trainings.all()) expect(await training.locator('[data-session-id]').count()).toBeGreaterThan(0);
    await page.getByLabel('Mots-clés').fill('développeur web');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const web = page.locator('article[data-training-id="51765473900024_TP-DWWM"]');
    await web.waitFor();
    expect(await textOf(web.locator('[data-coverage]'))).toBe(
      'Votre solde CPF (3 350 €) ne couvre pas ce prix : il manque 4 550 €, à payer par un autre financement. L’inscription avec votre CPF n’est donc pas possible ici.',
    );
    expect(await web.getByRole('button', { name: /S’inscrire/ }).count()).toBe(0);
    expect(await web.locator('[data-session-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-session-id')))).toEqual([
      '51765473900024_TP-DWWM-S1',
      '51765473900024_TP-DWWM-S2',
    ]);
    await expectAccessible(page, 'formations-region-solde-insuffisant');

    // She confirms a training her balance covers; meanwhile another enrolment spent it: refused, and no button invites to try again.
    await page.getByLabel('Région (facultatif)').selectOption({ label: 'Toutes les régions' });
    await page.getByLabel('Mots-clés').fill('soins palliatifs');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const palliative = page.locator('article[data-training-id="19691774400019_DU-SOINS-PALLIATIFS"]');
    await palliative.getByRole('button', { name: /S’inscrire à la session du 1er décembre 2026/ }).click();
    const camille = await logIn(app.platform, 'camille.martin');
    const elsewhere = await graphql(app.platform, camille, 'mutation($input: EnrollInTrainingInput!) { enrollInTraining(input: $input) { balance } }', {
      input: { trainingId: '81295327300018_PERMIS-B', sessionId: '81295327300018_PERMIS-B-S2', idempotencyKey: 'ailleurs' },
    });
    expect(elsewhere.body).toEqual({ data: { enrollInTraining: { balance: 190000 } } });
    await palliative.getByRole('button', { name: 'Confirmer et payer 2 150 € avec mon CPF' }).click();
    await palliative.locator('.fr-alert--error').waitFor();
    expect(await textOf(palliative.locator('.cdc-confirmation .cdc-outcome'))).toBe(
      'Inscription impossible. Le solde de votre CPF ne couvre plus le prix de cette formation.',
    );
    expect(await palliative.getByRole('button', { name: /Confirmer/ }).count()).toBe(0);
    expect(await palliative.getByRole('button', { name: 'Fermer' }).count()).toBe(1);
    // The balance read again: the page says it, and what is now missing.
    await page.locator('[data-balance="190000"]').waitFor();
    expect(await textOf(palliative.locator('[data-coverage]'))).toBe(
      'Votre solde CPF (1 900 €) ne couvre pas ce prix : il manque 250 €, à payer par un autre financement. L’inscription avec votre CPF n’est donc pas possible ici.',
    );
    await expectAccessible(page, 'formations-confirmation-refusee');
    await palliative.getByRole('button', { name: 'Fermer' }).click();
    expect(await palliative.getByRole('button', { name: /S’inscrire/ }).count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
  });

  it('a search that fails on the network says so where one searched, and « Réessayer » searches again', async () => {
    await signedIn('lucas.petit');
    await app.navigate(page, 'Trouver une formation', 'formations');
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'), { times: 1 });
    await page.getByLabel('Mots-clés').fill('permis');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const failure = page.locator('[data-state="error"]');
    await failure.waitFor();
    expect(await textOf(failure)).toBe(
      'La recherche n’a pas abouti La demande n’a pas pu être envoyée : vérifiez votre connexion à internet, puis réessayez. Réessayer',
    );
    await expectAccessible(page, 'formations-erreur-reseau');
    await failure.getByRole('button', { name: 'Réessayer' }).click();
    await page.locator('article[data-training-id="81295327300018_PERMIS-B"]').waitFor();
    // The only error the page logged is the request the test cut.
    expect(app.consoleErrors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});

describe('the timeline', () => {
  it('tells karim.benali’s career one event per period, every title alike', async () => {
    await signedIn('karim.benali');
    await app.navigate(page, 'Mon parcours', 'parcours');
    const more = page.getByRole('button', { name: 'Afficher les événements plus anciens' });
    while (await more.isVisible()) {
      const shown = await page.locator('tbody tr').count();
      await more.click();
      await page.locator('tbody tr').nth(shown).waitFor();
    }
    const rows = (await page.locator('tbody tr').allInnerTexts()).map(normalise);
    expect(rows).toHaveLength(58);
    expect(rows.filter((row) => row.includes(' 2005 '))).toEqual([
      '1er janvier 2005 Assurance retraite Emploi : Transports Méditerranée Logistique (régime général et Agirc-Arrco) — 4 trimestres',
    ]);
    // « what happened : to what », whichever agency.
    expect(rows.filter((row) => !/^\d{1,2}(er)? \S+ \d{4} (CAF|France Travail|Caisse des Dépôts|Assurance retraite) [^:]+ : /.test(row))).toEqual([]);
    expect(rows).toContain('5 novembre 2026 CAF Versement : Allocations familiales +151,05 €');
    expect(rows).toContain('3 octobre 2026 France Travail Versement : Allocation d’aide au retour à l’emploi (ARE) +1 236,00 €');
    await expectAccessible(page, 'parcours-complet');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('loading, error and empty states', () => {
  it('a slow navigation shows a loading state at once, not the page being left', async () => {
    await signedIn('karim.benali');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The screen's one request is held until the loading state has been looked at.
    await page.route(
      '**/graphql',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon parcours', exact: true }).click();
    const loading = page.locator('#contenu [data-loading]');
    await loading.waitFor();
    expect(await textOf(loading)).toBe('Chargement de la page…');
    expect([await page.locator('#contenu h1').count(), await page.locator('#contenu').getAttribute('aria-busy')]).toEqual([0, 'true']);
    await expectAccessible(page, 'chargement');
    release();
    await rendered(page);
    expect(await page.locator('h1').innerText()).toBe('Mon parcours');
    expect(app.consoleErrors).toEqual([]);
  });

  it('jean.dupont, known to no agency, reads on every screen why it is empty', async () => {
    await signedIn('jean.dupont');
    expect(Object.values(await tiles(page))).toEqual([
      { state: 'unknown', text: 'Formation Aucun dossier à la Caisse des Dépôts. Caisse des Dépôts' },
      { state: 'unknown', text: 'Retraite Aucun dossier à l’Assurance retraite. Assurance retraite (CNAV)' },
      { state: 'unknown', text: 'Famille Aucun dossier à la CAF. Caisse d’allocations familiales (CAF)' },
      { state: 'unknown', text: 'Emploi Aucun dossier à France Travail. France Travail' },
    ]);
    await expectAccessible(page, 'vide-tableau-de-bord');
    // Every other screen says why it is empty: nothing yet, or no file at the agency it reads.
    const noFile = (holder: string, Holder: string) => `Aucun dossier à ${holder} ${Holder} ne connaît pas de dossier à votre nom.`;
    const empty: Record<string, [string, string]> = {
      formation: [noFile('la Caisse des Dépôts', 'La Caisse des Dépôts'), 'vide-formation'],
      'formation/points-de-prevention': [noFile('la Caisse des Dépôts', 'La Caisse des Dépôts'), 'vide-simulateur-c2p'],
      'formation/projection': [noFile('la Caisse des Dépôts', 'La Caisse des Dépôts'), 'vide-simulateur-cpf'],
      retraite: [noFile('l’Assurance retraite', 'L’Assurance retraite'), 'vide-retraite'],
      'retraite/estimation': [noFile('l’Assurance retraite', 'L’Assurance retraite'), 'vide-simulateur'],
      famille: [noFile('la CAF', 'La CAF'), 'vide-famille'],
      emploi: [noFile('France Travail', 'France Travail'), 'vide-emploi'],
      formations: [
        'Aucun compte personnel de formation à votre nom La Caisse des Dépôts ne connaît pas de CPF à votre nom : vous pouvez consulter le catalogue, mais pas vous inscrire avec un CPF.',
        'vide-catalogue-solde',
      ],
      parcours: [
        'Aucun événement : aucun organisme n’a encore de dossier à votre nom. Votre parcours se remplira avec votre premier emploi, votre première inscription ou votre premier droit.',
        'vide-parcours',
      ],
      messagerie: ['Aucun message : les organismes qui ont un dossier à votre nom ne vous ont pas encore écrit.', 'vide-messagerie'],
      alertes: ['Aucune alerte : rien ne demande votre attention pour le moment. Les alertes se calculent à chaque visite à partir de vos dossiers.', 'vide-alertes'],
      partage: ['Vous n’avez donné aucune autorisation : aucun organisme ne peut lire vos données.', 'vide-partage'],
      journal: ['Aucun organisme n’a lu vos données.', 'vide-journal'],
    };
    expect(Object.keys(empty)).toEqual(SCREENS.slice(1).map(([path]) => path));
    for (const [path, [text, screenshot]] of Object.entries(empty)) {
      await app.open(page, path);
      expect([path, (await page.locator('#contenu [data-state="empty"], #contenu [data-section-state]').allInnerTexts()).map(normalise)]).toEqual([path, [text]]);
      await expectAccessible(page, screenshot);
    }
    await app.open(page, 'parcours');
    expect(await page.locator('table').count()).toBe(0);
    await app.open(page, 'messagerie');
    expect(await textOf(page.locator('section[aria-labelledby="titre-ecrire"]'))).toBe(
      'Écrire à un organisme Aucun organisme ne peut recevoir de message de votre part ici. ' +
        'La Caisse des Dépôts n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici. ' +
        'L’Assurance retraite n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici. ' +
        'La CAF n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici. ' +
        'France Travail n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici.',
    );
    // The catalogue can be read, not paid with a CPF he does not have.
    await app.navigate(page, 'Trouver une formation', 'formations');
    expect(await textOf(page.locator('.fr-alert--info'))).toBe(
      'Aucun compte personnel de formation à votre nom La Caisse des Dépôts ne connaît pas de CPF à votre nom : vous pouvez consulter le catalogue, mais pas vous inscrire avec un CPF.',
    );
    await page.getByLabel('Mots-clés').fill('permis');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const permis = page.locator('article[data-training-id="81295327300018_PERMIS-B"]');
    expect(await textOf(permis.locator('[data-coverage]'))).toBe('Sans compte personnel de formation, vous ne pouvez pas vous inscrire ici.');
    expect(await page.getByRole('button', { name: /S’inscrire/ }).count()).toBe(0);
    await expectAccessible(page, 'vide-catalogue');
    expect(app.consoleErrors).toEqual([]);
  }, 90_000);

  // The gateway unreachable, or a load balancer answering 503 in its place: every screen's own reading fails.
  it.each([
    ['a network failure', 'erreur-reseau', (route: Route) => route.abort('internetdisconnected')],
    ['a 503 from the gateway', 'erreur-503', (route: Route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Temporarily Unavailable</h1>' })],
  ])('after %s, every screen says in French that it could not be read, and « Réessayer » reads it again', async (_, screenshot, fail) => {
    await signedIn('karim.benali');
    const unavailable =
      'Service momentanément indisponible Votre compte n’a pas pu être lu. Vérifiez votre connexion à internet, puis réessayez dans quelques instants. Réessayer';
    for (const [path, title] of SCREENS) {
      // The session is known (asked first, let through): what fails is what the screen reads.
      await page.route('**/graphql', (route) => (route.request().postData()?.includes('query AppSession') ? route.continue() : fail(route)));
      await app.open(page, path);
      if (path === 'formations') {
        // The catalogue is public: it stays searchable, and says why enrolling is not offered.
        expect(await textOf(page.locator('[data-section-state="error"]'))).toBe(
          'Solde indisponible La demande n’a pas pu être envoyée : vérifiez votre connexion à internet, puis réessayez. ' +
            'Vous pouvez consulter le catalogue ; l’inscription n’est pas proposée tant que le solde ne peut pas être lu. Réessayer',
        );
      } else {
        expect([path, await textOf(page.locator('#contenu'))]).toEqual([path, unavailable]);
        expect(await page.title()).toBe('Service indisponible — Compte des comptes');
      }
      if (path === '') await expectAccessible(page, screenshot);
      await page.unroute('**/graphql');
      await page.getByRole('button', { name: 'Réessayer' }).click();
      await rendered(page);
      expect([path, await page.locator('h1').innerText(), await page.locator('#contenu [data-state="error"], #contenu [data-section-state="error"]').count()]).toEqual([path, title, 0]);
    }
    // What the page logged is the requests the test failed, and the router saying it could not read them.
    expect(app.consoleErrors.filter((error) => !/ERR_INTERNET_DISCONNECTED|status of 503|RequestFailedError|Network error|HTTP 503/.test(error))).toEqual([]);
  }, 120_000);
});

describe('French typography', () => {
  it('writes karim.benali’s dates long, « 1er » included, with curly apostrophes and no numeric date, on every screen he visits', async () => {
    await signedIn('karim.benali');
    expect((await tiles(page)).employment.text).toContain('Actualisation d’octobre 2026 à faire avant le 15 novembre 2026');
    const texts = [await textOf(page.locator('#contenu'))];
    for (const path of ['formation', 'retraite', 'famille', 'emploi', 'parcours', 'messagerie', 'alertes', 'partage', 'formation/projection']) {
      await app.open(page, path);
      texts.push(await textOf(page.locator('#contenu')));
    }
    const all = texts.join(' ');
    expect(all).toContain('1er décembre 2018');
    expect(all.match(/'|\b\d{2}\/\d{2}\/\d{4}\b|\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/g)).toBeNull();
    await expectAccessible(page, 'typographie-projection');
  });
});

describe('dates that follow today', () => {
  let live: WebAppUnderTest;

  beforeAll(async () => {
    // The real date, for the platform and for the population (POPULATION_TODAY unset: today's).
    live = await WebAppUnderTest.start({ platform: { now: () => new Date(), env: { POPULATION_TODAY: undefined } }, browser: app.browser });
  }, 60_000);

  afterAll(async () => {
    await live?.close();
  });

  it('karim.benali’s open monthly update, on the real date: the message of the day it opened and its deadline, as the population’s rules give them', async () => {
    // France Travail opens a month's update on the 28th and closes it on the 15th of the next (mocks/population/referential/rules.ts).
    const today = new Date().toISOString().slice(0, 10);
    const month = (offset: number) => {
      const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
      date.setUTCMonth(date.getUTCMonth() + offset);
      return date.toISOString().slice(0, 7);
    };
    const opensIn = Number(today.slice(8)) >= ACTUALISATION_OPENS_DAY ? month(0) : month(-1);
    const opens = `${opensIn}-${ACTUALISATION_OPENS_DAY}`;
    const due = `${opensIn === month(0) ? month(1) : month(0)}-${String(ACTUALISATION_CLOSES_DAY).padStart(2, '0')}`;

    page = await live.newPage();
    await live.signIn(page, 'karim.benali');
    expect((await tiles(page)).employment.text).toContain(`Actualisation ${ofMonth(opensIn)} à faire avant le ${longDate(due)}`);
    await live.navigate(page, 'Messagerie', 'messagerie');
    const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const opened = page.locator('article[data-message-id]', { hasText: 'Votre actualisation mensuelle est ouverte' });
    expect(await textOf(opened)).toContain(`De : France Travail — ${dateTime(`${opens}T06:00:00.000Z`, timeZone)}`);
    expect(await textOf(opened)).toContain(`Déclarez votre situation ${ofMonth(opensIn)} avant le ${longDate(due)} pour que votre allocation soit versée.`);
    // Opened by today, and its deadline still to come: never a message from the future nor about a deadline gone.
    expect([opens <= today, due >= today]).toEqual([true, true]);
    await expectAccessible(page, 'messagerie-date-du-jour');
    expect(live.consoleErrors).toEqual([]);
  });
});

describe('persisted operations', () => {
  it('every document the app sent in these tests is one of operations/manifest.json', async () => {
    expect(app.sentDocuments.size).toBeGreaterThan(15);
    expect(await app.unpersistedDocuments()).toEqual([]);
  });
});
