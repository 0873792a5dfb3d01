import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { personIdOf } from '../../common/person-id.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import { normalise, screenshot } from '../support/chromium.ts';
import { controlAgency, resetAgency, waitForCircuits } from '../support/platform.ts';
import { graphqlAs, thirdPartyToken } from '../support/third-party.ts';
import { answer, expectAccessible, rendered, tiles, WebAppUnderTest } from '../support/web-app.ts';

// The citizen web app in a real browser, against the whole platform: sign-in through the mock
// FranceConnect, every screen checked with axe-core, screenshots under test-artifacts/browser/.

let app: WebAppUnderTest;
let platform: RunningPlatform;
let page: Page;

beforeAll(async () => {
  app = await WebAppUnderTest.start();
  platform = app.platform;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

afterEach(async () => {
  await page?.close();
});

const newPage = () => app.newPage();
const signIn = (target: Page, login: string) => app.signIn(target, login);
const navigate = (target: Page, label: string, path: string) => app.navigate(target, label, path);

describe('signing in and the dashboard', () => {
  it('shows the FranceConnect button when signed out, then camille.martin’s rights', async () => {
    page = await newPage();
    await page.goto(`${platform.gatewayUrl}/app/`);
    await rendered(page);
    expect(await page.title()).toBe('Connexion — Compte des comptes');
    await expectAccessible(page, 'connexion');

    await signIn(page, 'camille.martin');
    expect(await page.title()).toBe('Tableau de bord — Compte des comptes');
    expect(normalise(await page.locator('.fr-text--lead').innerText())).toContain('Bonjour Camille Marie MARTIN');
    expect(await tiles(page)).toEqual({
      training: {
        state: 'ok',
        text: 'Formation Compte personnel de formation : 3 350 € Compte professionnel de prévention : 40 points Caisse des Dépôts',
      },
      retirement: { state: 'ok', text: 'Retraite 57 trimestres validés sur 172 Assurance retraite (CNAV)' },
      family: { state: 'unknown', text: 'Famille Aucun dossier à la CAF. Caisse d’allocations familiales (CAF)' },
      employment: { state: 'unknown', text: 'Emploi Aucun dossier à France Travail. France Travail' },
    });
    await expectAccessible(page, 'tableau-de-bord-camille');
    expect(app.consoleErrors).toEqual([]);

    // Signing out ends the session here and at the provider, and comes back to the sign-in screen.
    await page.getByRole('link', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(`${platform.gatewayUrl}/app/`);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).waitFor();
    expect(await page.title()).toBe('Connexion — Compte des comptes');
  });

  it('shows karim.benali’s figures in every tile, and each tile opens its detail page', async () => {
    page = await newPage();
    await signIn(page, 'karim.benali');
    expect(await tiles(page)).toEqual({
      training: { state: 'ok', text: 'Formation Compte personnel de formation : 4 200 € Caisse des Dépôts' },
      retirement: { state: 'ok', text: 'Retraite 83 trimestres validés sur 172 Assurance retraite (CNAV)' },
      family: {
        state: 'ok',
        text: 'Famille Quotient familial : 620 Allocations familiales : 151,05 € par mois Caisse d’allocations familiales (CAF)',
      },
      employment: {
        state: 'ok',
        text:
          'Emploi Inscription comme demandeur d’emploi, catégorie A ARE : 41,20 € par jour, 343 jours restants ' +
          'Actualisation d’octobre 2026 à faire avant le 15 novembre 2026 France Travail',
      },
    });
    await expectAccessible(page, 'tableau-de-bord-karim');

    const details = [
      ['Formation', 'formation', '4 200 €'],
      ['Retraite', 'retraite', '83 sur 172 requis pour le taux plein'],
      ['Famille', 'famille', 'Allocations familiales 151,05 € 1er décembre 2018 Sans date de fin'],
      ['Emploi', 'emploi', '41,20 €'],
    ] as const;
    for (const [title, path, figure] of details) {
      await page.goto(`${platform.gatewayUrl}/app/`);
      await rendered(page);
      await page.getByRole('link', { name: title, exact: true }).first().click();
      await page.waitForURL(`${platform.gatewayUrl}/app/${path}`);
      await rendered(page);
      expect(await page.title()).toBe(`${title} — Compte des comptes`);
      // In-app navigation moves focus to the new page's title.
      expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
      expect(normalise(await page.locator('#contenu').innerText())).toContain(figure);
      await expectAccessible(page, `detail-${path}`);
    }
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('services across agencies', () => {
  it('shows karim.benali’s timeline page by page, his alert, and his inbox where he reads and writes', async () => {
    page = await newPage();
    await signIn(page, 'karim.benali');
    expect(normalise(await page.locator('[data-alerts]').innerText())).toBe(
      'Une alerte vous concerne Actualisation d’octobre 2026 à faire Voir mes alertes',
    );

    await navigate(page, 'Mon parcours', 'parcours');
    const rows = page.locator('tbody tr');
    expect(normalise(await page.locator('caption').innerText())).toBe('Événements (58 au total)');
    expect(await rows.count()).toBe(20);
    expect(normalise(await rows.first().innerText())).toBe('5 novembre 2026 CAF Versement : Allocations familiales +151,05 €');
    await expectAccessible(page, 'parcours');
    await page.getByRole('button', { name: 'Afficher les événements plus anciens' }).click();
    await rows.nth(39).waitFor();
    expect(await rows.count()).toBe(40);
    // Focus lands on the first event added, where reading carries on.
    expect(await page.evaluate('document.activeElement.closest("tr").rowIndex')).toBe(21);

    await navigate(page, 'Mes alertes', 'alertes');
    const alertItems = page.locator('[data-alert]');
    expect(await alertItems.count()).toBe(1);
    expect(normalise(await alertItems.innerText())).toBe(
      'Actualisation d’octobre 2026 à faire À FAIRE BIENTÔT France Travail ' +
        'Vous n’avez pas encore déclaré votre situation d’octobre 2026 à France Travail. Faites-la au plus tard le 15 novembre 2026 (dans 5 jours). ' +
        'Sans cette actualisation, votre allocation n’est pas versée. Faire votre actualisation',
    );
    // The action leads into the app, where the update is made, in the alert's own words.
    expect(await alertItems.getByRole('link', { name: 'Faire votre actualisation' }).getAttribute('href')).toBe('/app/emploi');
    await expectAccessible(page, 'alertes');

    await navigate(page, 'Messagerie', 'messagerie');
    const messages = page.locator('article[data-message-id]');
    expect(await messages.evaluateAll((articles) => articles.map((a) => a.getAttribute('data-message-id')))).toEqual([
      'FT-0000001-MSG-1',
      'FT-0000001-MSG-2',
      'CAF-0000001-MSG-1',
    ]);
    expect(await page.getByText('3 messages, dont 1 non lu.').count()).toBe(1);
    expect(normalise(await messages.first().innerText())).toBe(
      'Votre actualisation mensuelle est ouverte NON LU De : France Travail — 28 octobre 2026 à 07:00 ' +
        'Déclarez votre situation d’octobre 2026 avant le 15 novembre 2026 pour que votre allocation soit versée. Marquer comme lu',
    );
    await expectAccessible(page, 'messagerie');

    await messages.first().getByRole('button', { name: 'Marquer comme lu' }).click();
    await page.getByText('3 messages, aucun non lu.').waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Votre actualisation mensuelle est ouverte');

    // An empty form says what is missing, field by field, and focuses the first one.
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    expect(await page.locator('.fr-error-text:not([hidden])').allInnerTexts()).toEqual([
      'Choisissez l’organisme à qui écrire.',
      'Indiquez l’objet de votre message.',
      'Écrivez votre message.',
    ]);
    expect(await page.evaluate('document.activeElement.name')).toBe('organisme');
    await expectAccessible(page, 'messagerie-erreurs');

    await page.getByLabel('Organisme', { exact: true }).selectOption({ label: 'CAF' });
    await page.getByLabel('Objet').fill('Changement de situation');
    await page.getByRole('textbox', { name: 'Message' }).fill('Bonjour, ma compagne a repris un emploi le 2 novembre.');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByText('Votre message a été envoyé à la CAF.').waitFor();
    expect(normalise(await messages.first().innerText())).toContain('Changement de situation À : CAF');
    expect(await page.getByText('4 messages, aucun non lu.').count()).toBe(1);
    await expectAccessible(page, 'messagerie-envoye');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('acting on rights', () => {
  it('lets lucas.petit find a training, see that his balance covers it, confirm, pay it from his CPF, and see the seat taken', async () => {
    page = await newPage();
    await signIn(page, 'lucas.petit');
    await page.goto(`${platform.gatewayUrl}/app/formation`);
    await rendered(page);
    await page.locator('#contenu').getByRole('link', { name: 'Trouver une formation' }).click();
    await page.waitForURL(`${platform.gatewayUrl}/app/formations`);
    await rendered(page);
    expect(normalise(await page.locator('[data-balance]').innerText())).toBe('Solde de votre compte personnel de formation : 2 400 €.');
    await page.getByLabel('Mots-clés').fill('permis');
    await page.getByLabel('Prix maximum en euros (facultatif)').fill('1 450');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const training = page.locator('article[data-training-id="81295327300018_PERMIS-B"]');
    await training.waitFor();
    expect(normalise(await training.locator('h3').innerText())).toBe('Permis de conduire B — code et conduite');
    // Before anything is chosen: the balance covers the price, and what would be left. Only the open sessions, by date.
    expect(normalise(await training.locator('[data-coverage]').innerText())).toBe(
      'Votre solde CPF (2 400 €) couvre ce prix : reste à payer 0 €. Il vous resterait 950 €.',
    );
    expect(await training.locator('[data-session-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-session-id')))).toEqual([
      '81295327300018_PERMIS-B-S1',
      '81295327300018_PERMIS-B-S2',
    ]);
    await expectAccessible(page, 'formations-recherche');

    await training.getByRole('button', { name: 'S’inscrire à la session du 1er décembre 2026 au 5 décembre 2026' }).click();
    // A locator, not waitForFunction: the app's Content-Security-Policy forbids evaluating strings.
    await page.locator(':focus', { hasText: 'Confirmer l’inscription' }).waitFor();
    expect(normalise(await training.locator('.cdc-confirmation').innerText())).toBe(
      'Confirmer l’inscription « Permis de conduire B — code et conduite », session du 1er décembre 2026 au 5 décembre 2026. ' +
        'Prix 1 450 € Payé avec votre CPF 1 450 € Reste à payer 0 € Solde après l’inscription 950 € Confirmer et payer 1 450 € avec mon CPF Annuler',
    );
    await expectAccessible(page, 'formations-confirmation');
    await training.getByRole('button', { name: 'Confirmer et payer 1 450 € avec mon CPF' }).click();
    const done = training.locator('.fr-alert--success');
    await done.waitFor();
    expect(normalise(await done.innerText())).toBe(
      'Inscription confirmée. 1 450 € ont été débités. Solde de votre compte personnel de formation : 950 €.',
    );
    // One seat fewer, as the Caisse des Dépôts now holds it; the new balance no longer covers the other session.
    expect(normalise(await training.locator('[data-session-id$="-S1"] > p').innerText())).toBe(
      'Session du 1er décembre 2026 au 5 décembre 2026 — 7 places restantes',
    );
    expect(normalise(await training.locator('[data-coverage]').innerText())).toBe(
      'Votre solde CPF (950 €) ne couvre pas ce prix : il manque 500 €, à payer par un autre financement. L’inscription avec votre CPF n’est donc pas possible ici.',
    );
    expect(await training.getByRole('button', { name: /S’inscrire/ }).count()).toBe(0);
    await expectAccessible(page, 'formations-inscrit');

    await page.getByRole('link', { name: 'Voir mon compte formation' }).click();
    await rendered(page);
    expect(normalise(await page.locator('.cdc-facts').first().innerText())).toContain('Solde disponible 950 €');
    expect(normalise(await page.getByRole('region', { name: 'Inscriptions payées avec le CPF' }).innerText())).toContain(
      'Permis de conduire B — code et conduite 10 novembre 2026 1er décembre 2026 1 450,00 € CONFIRMÉE',
    );

    // The catalogue, from the main menu: searched again, it shows the seat taken at the agency.
    await navigate(page, 'Trouver une formation', 'formations');
    await page.getByLabel('Mots-clés').fill('permis');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('[data-session-id="81295327300018_PERMIS-B-S1"]', { hasText: '7 places restantes' }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  });

  it('takes karim.benali’s monthly update within its bounds, reviewed before it is sent, then shows what France Travail recorded and when; the alert goes', async () => {
    page = await newPage();
    await signIn(page, 'karim.benali');
    await page.goto(`${platform.gatewayUrl}/app/emploi`);
    await rendered(page);
    const form = page.locator('form[aria-labelledby="titre-actualisation"]');
    await form.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    expect(await form.locator('.fr-message--error').allInnerTexts()).toEqual(Array(4).fill('Répondez par oui ou par non.'));
    expect(await page.evaluate('document.activeElement.name')).toBe('travail');
    await expectAccessible(page, 'actualisation-erreurs');

    // What the issue found accepted: 35 hours for 99 999 999 € gross. The bounds come from the API.
    await answer(form, /Avez-vous travaillé en octobre 2026/, 'Oui');
    await form.getByLabel(/Heures travaillées dans le mois/).fill('35');
    await form.getByLabel(/Salaire brut du mois, en euros/).fill('99 999 999');
    await answer(form, /formation/, 'Non');
    await answer(form, /arrêt maladie/, 'Non');
    await answer(form, /recherche d’un emploi/, 'Oui');
    await form.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    expect((await form.locator('.fr-error-text:not([hidden])').allInnerTexts()).map(normalise)).toEqual([
      'Indiquez votre salaire brut du mois en euros, jusqu’à 16 020 €, par exemple 450,50.',
    ]);
    expect(await page.evaluate('document.activeElement.name')).toBe('salaire');
    await form.getByLabel(/Heures travaillées dans le mois/).fill('300');
    await form.getByLabel(/Salaire brut du mois, en euros/).fill('150,50');
    await form.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    expect(await form.locator('.fr-error-text:not([hidden])').allInnerTexts()).toEqual(['Indiquez un nombre d’heures de 1 à 213 : un mois n’en compte pas plus.']);
    await expectAccessible(page, 'actualisation-bornes');

    await form.getByLabel(/Heures travaillées dans le mois/).fill('12');
    await form.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    // Nothing is sent yet: the answers to review, to change or to send.
    const review = page.getByRole('group', { name: 'Vérifiez votre actualisation d’octobre 2026' });
    expect(normalise(await review.innerText())).toBe(
      'Vérifiez votre actualisation d’octobre 2026 Rien n’est encore envoyé. Voici ce que vous allez déclarer à France Travail : ' +
        'Travail en octobre 2026 Oui : 12 heures pour 150,50 € brut Formation suivie Non Arrêt maladie Non Toujours à la recherche d’un emploi Oui ' +
        'Envoyer à France Travail Modifier mes réponses',
    );
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Vérifiez votre actualisation d’octobre 2026');
    expect(await form.isHidden()).toBe(true);
    await expectAccessible(page, 'actualisation-verification');
    await review.getByRole('button', { name: 'Modifier mes réponses' }).click();
    expect(await form.getByLabel(/Heures travaillées dans le mois/).inputValue()).toBe('12');
    await form.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    await review.getByRole('button', { name: 'Envoyer à France Travail' }).click();

    // Read back from France Travail: what was declared, and when.
    const made = page.locator('[data-declaration="2026-10"]');
    await made.waitFor();
    const declared =
      'Actualisation d’octobre 2026 enregistrée par France Travail le 10 novembre 2026. Voici ce que vous avez déclaré : ' +
      'Travail en octobre 2026 Oui : 12 heures pour 150,50 € brut Formation suivie Non Arrêt maladie Non Toujours à la recherche d’un emploi Oui ' +
      'Une erreur ? Écrivez à France Travail pour la faire corriger.';
    expect(normalise(await made.innerText())).toBe(declared);
    expect(normalise(await page.locator('[data-monthly-update] .fr-alert--success').innerText())).toBe('Actualisation d’octobre 2026 envoyée');
    expect(normalise(await page.locator('.cdc-facts').first().innerText())).toBe(
      'Catégorie Catégorie A Situation Sans emploi, tenu de faire des actes positifs de recherche d’emploi Inscription Depuis le 2 mars 2026',
    );
    await expectAccessible(page, 'actualisation-faite');
    // After a reload too: the page says what was declared and when, not just « Faite ».
    await page.reload();
    await rendered(page);
    expect(normalise(await page.locator('[data-declaration="2026-10"]').innerText())).toBe(declared);
    expect(await page.getByText('Faite', { exact: true }).count()).toBe(1);

    await navigate(page, 'Tableau de bord', '');
    expect(await page.locator('[data-alerts]').count()).toBe(0);
    expect((await tiles(page)).employment.text).not.toContain('Actualisation');
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('sharing data with a third party', () => {
  const READ_FAMILY = 'query Lire($id: ID!) { person(id: $id) { family { familyQuotient { value } } } }';

  it('lets karim.benali grant the CCAS a consent for exactly a year, read in his journal what it read, and revoke it after confirming', async () => {
    const karimId = personIdOf(personaIdentities.find((persona) => persona.login === 'karim.benali')!.pivot, platform.personIdKey);
    const ccas = await thirdPartyToken(platform, 'ccas-lyon', ['family:read', 'employment:read']);
    page = await newPage();
    await signIn(page, 'karim.benali');
    await page.getByRole('button', { name: 'Mes données' }).click();
    await page.getByRole('link', { name: 'Partage de mes données' }).click();
    await page.waitForURL(`${platform.gatewayUrl}/app/partage`);
    await rendered(page);
    expect(await page.getByText('Vous n’avez donné aucune autorisation').count()).toBe(1);
    await expectAccessible(page, 'partage');

    const form = page.locator('form', { has: page.getByRole('button', { name: 'Donner l’autorisation' }) });
    await form.getByRole('button', { name: 'Donner l’autorisation' }).click();
    expect(await form.locator('.fr-error-text:not([hidden]), .fr-message--error').allInnerTexts()).toEqual([
      'Choisissez l’organisme.',
      'Choisissez le motif.',
      'Précisez le motif en quelques mots.',
      'Choisissez une durée.',
    ]);
    await expectAccessible(page, 'partage-erreurs');

    await form.getByLabel('Organisme', { exact: true }).selectOption({ label: 'CCAS de Lyon — service social (Service social)' });
    await form.locator('label', { hasText: 'Famille' }).click();
    await form.locator('label', { hasText: 'Emploi' }).click();
    await form.getByLabel('Motif', { exact: true }).selectOption({ label: 'Accompagnement social (RSA, logement, famille)' });
    await form.getByRole('textbox', { name: /Précisez le motif/ }).fill('Demande de RSA');
    await form.locator('label', { hasText: '1 an' }).click();
    await form.getByRole('button', { name: 'Donner l’autorisation' }).click();
    await page.getByText('Autorisation donnée à CCAS de Lyon — service social.').waitFor();
    const consent = page.locator('article[data-consent-id]');
    expect(await consent.getAttribute('data-status')).toBe('ACTIVE');
    const shown = normalise(await consent.innerText());
    expect(shown).toMatch(
      /^CCAS de Lyon — service social ACTIVE Service social Informations Famille, Emploi Motif Accompagnement social \(RSA, logement, famille\) — « Demande de RSA » Période Du .+ au .+ Retirer l’autorisation donnée à CCAS de Lyon — service social$/,
    );
    // « 1 an » ends on the same day of the month a year later, at the same time (Code de procédure civile, art. 641).
    const [, day, from, time, to] = /Période Du (\d{1,2}(?:er)? \S+) (\d{4}) à (\d{2}:\d{2}) au (?:\1) (\d{4}) à (?:\3) /.exec(shown) ?? [];
    expect([day !== undefined, Number(to) - Number(from), time]).toEqual([true, 1, expect.stringMatching(/^\d{2}:\d{2}$/)]);
    expect(normalise(await page.locator('.cdc-outcome').innerText())).toBe(`Autorisation donnée à CCAS de Lyon — service social. Elle prend fin le ${day} ${to} à ${time}.`);
    await expectAccessible(page, 'partage-autorisation');

    // A second consent to the same body is refused: only that refusal shows, not the earlier success above it.
    await form.getByLabel('Organisme', { exact: true }).selectOption({ label: 'CCAS de Lyon — service social (Service social)' });
    await form.locator('label', { hasText: 'Famille' }).click();
    await form.getByLabel('Motif', { exact: true }).selectOption({ label: 'Accompagnement social (RSA, logement, famille)' });
    await form.getByRole('textbox', { name: /Précisez le motif/ }).fill('Logement');
    await form.locator('label', { hasText: '1 mois' }).click();
    await form.getByRole('button', { name: 'Donner l’autorisation' }).click();
    await page.locator('.cdc-outcome .fr-alert--error').waitFor();
    expect(await page.locator('.cdc-outcome').allInnerTexts()).toEqual([
      expect.stringMatching(/^Autorisation non donnée\. Vous avez déjà une autorisation active pour cet organisme : retirez-la avant d’en donner une nouvelle\.$/),
    ]);
    expect(await page.locator('.fr-alert--success').count()).toBe(0);
    await expectAccessible(page, 'partage-refus');

    // The CCAS reads, as a third party does (bearer token); the read is journaled first.
    expect((await graphqlAs(platform, ccas, READ_FAMILY, { id: karimId })).body).toEqual({ data: { person: { family: { familyQuotient: { value: 620 } } } } });
    await page.getByRole('link', { name: 'journal des accès' }).click();
    await page.waitForURL(`${platform.gatewayUrl}/app/journal`);
    await rendered(page);
    const entries = page.locator('tbody tr');
    expect(await entries.count()).toBe(1);
    expect(normalise(await entries.first().innerText())).toMatch(
      /^\d{1,2} \S+ \d{4} à \d{2}:\d{2} CCAS de Lyon — service social \(Service social\) Accompagnement social \(RSA, logement, famille\) — « Demande de RSA » Famille$/,
    );
    await expectAccessible(page, 'journal');

    await page.getByRole('link', { name: 'Gérer mes autorisations' }).click();
    await rendered(page);
    // Withdrawing asks first; « Annuler » changes nothing.
    await page.getByRole('button', { name: 'Retirer l’autorisation donnée à CCAS de Lyon — service social' }).click();
    const confirmation = page.getByRole('group', { name: 'Retirer l’autorisation donnée à CCAS de Lyon — service social ?' });
    expect(normalise(await confirmation.innerText())).toBe(
      'Retirer l’autorisation donnée à CCAS de Lyon — service social ? CCAS de Lyon — service social ne pourra plus lire vos données dès sa prochaine demande. ' +
        'Pour l’autoriser à nouveau, il faudra donner une nouvelle autorisation. Confirmer le retrait Annuler',
    );
    await expectAccessible(page, 'partage-retrait-confirmation');
    await confirmation.getByRole('button', { name: 'Annuler' }).click();
    expect(await consent.getAttribute('data-status')).toBe('ACTIVE');
    await page.getByRole('button', { name: 'Retirer l’autorisation donnée à CCAS de Lyon — service social' }).click();
    await confirmation.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.getByText('Autorisation retirée : CCAS de Lyon — service social ne peut plus lire vos données.').waitFor();
    expect(await consent.getAttribute('data-status')).toBe('REVOKED');
    expect(normalise(await consent.innerText())).toMatch(/ Retirée le .+$/);
    await expectAccessible(page, 'partage-retrait');
    // Refused from its next request, exactly as for a person who does not exist.
    const refused = await graphqlAs(platform, ccas, READ_FAMILY, { id: karimId });
    expect(refused.body.data).toEqual({ person: null });
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('an agency down', () => {
  afterEach(async () => {
    await resetAgency(platform.agencyUrls.caf);
  });

  it('shows the family tile in error and the other tiles as usual', async () => {
    page = await newPage();
    await signIn(page, 'karim.benali');
    await controlAgency(platform.agencyUrls.caf, { fault: 'down' });
    await page.reload();
    await rendered(page);
    const shown = await tiles(page);
    expect(shown.family).toEqual({
      state: 'error',
      text: 'Famille Le service de la CAF est momentanément indisponible. Vos autres droits restent affichés. Caisse d’allocations familiales (CAF) INDISPONIBLE',
    });
    expect(shown.training).toEqual({ state: 'ok', text: expect.stringContaining('4 200 €') });
    expect(shown.retirement).toEqual({ state: 'ok', text: expect.stringContaining('83 trimestres validés sur 172') });
    expect(shown.employment).toEqual({ state: 'ok', text: expect.stringContaining('343 jours restants') });
    await expectAccessible(page, 'agence-indisponible');

    await page.getByRole('link', { name: 'Famille', exact: true }).first().click();
    await rendered(page);
    expect(normalise(await page.locator('[data-section-state="error"]').innerText())).toContain(
      'Famille : informations indisponibles Le service de la CAF est momentanément indisponible.',
    );
    await expectAccessible(page, 'agence-indisponible-detail');

    await navigate(page, 'Mon parcours', 'parcours');
    expect(normalise(await page.locator('.fr-alert--warning').innerText())).toBe(
      'Parcours incomplet Le service de la CAF est momentanément indisponible. Les événements de cet organisme ne figurent pas ci-dessous ; réessayez dans quelques instants.',
    );
    expect(normalise(await page.locator('tbody tr').first().innerText())).toBe(
      '3 octobre 2026 France Travail Versement : Allocation d’aide au retour à l’emploi (ARE) +1 236,00 €',
    );
    await expectAccessible(page, 'agence-indisponible-parcours');

    // Back to the family page, still in error; once the CAF answers again, "Réessayer" shows it.
    await page.goBack();
    await page.locator('[data-section-state="error"]').waitFor();
    await resetAgency(platform.agencyUrls.caf);
    // The CAF's circuit opened while it was down: its pause must pass before a call goes through.
    await waitForCircuits();
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByRole('heading', { name: 'Quotient familial', level: 2 }).waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});

describe('on a phone', () => {
  it('opens the menu as a dialog and keeps the tiles readable', async () => {
    page = await newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, 'camille.martin');
    await expectAccessible(page, 'telephone-tableau-de-bord');
    await page.getByRole('button', { name: 'Menu' }).click();
    const menu = page.getByRole('dialog');
    await menu.getByRole('link', { name: 'Mon parcours' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Se déconnecter' }).count()).toBe(1);
    await expectAccessible(page, 'telephone-menu');
    await menu.getByRole('link', { name: 'Mon parcours' }).click();
    await page.waitForURL(`${platform.gatewayUrl}/app/parcours`);
    await rendered(page);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});

describe('GraphiQL', () => {
  it('runs a query against the signed-in account', async () => {
    page = await newPage();
    await signIn(page, 'karim.benali');
    await page.goto(`${platform.gatewayUrl}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    // Typed as a person would: the editor closes each brace, and typing it again steps over it.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('query Essai { me { identity { familyName } training { cpf { balance } } } }');
    await page.keyboard.press('Escape');
    // GraphiQL reads the edited document after a short debounce: the tab takes the new operation's name.
    await page.locator('.graphiql-tab', { hasText: 'Essai' }).waitFor();
    await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
    await page.locator('.graphiql-response', { hasText: '"data"' }).waitFor();
    expect(normalise(await page.locator('.graphiql-response').innerText())).toBe(
      '{ "data": { "me": { "identity": { "familyName": "BENALI" }, "training": { "cpf": { "balance": 420000 } } } } }',
    );
    await screenshot(page, 'graphiql');
  });

  it('documents the schema from /graphiql/schema.json, never sending an introspection query, so it works in production too', async () => {
    page = await newPage();
    const introspections: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('__schema')) introspections.push(request.url());
    });
    await page.goto(`${platform.gatewayUrl}/graphiql`);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer-field-name', { hasText: 'trainings' }).waitFor();
    await screenshot(page, 'graphiql-docs');
    expect(introspections).toEqual([]);
  });
});

describe('persisted operations', () => {
  it('every document the app sent in these tests is one of operations/manifest.json, so a gateway in production mode runs it', async () => {
    expect(app.sentDocuments.size).toBeGreaterThan(15);
    expect(await app.unpersistedDocuments()).toEqual([]);
  });
});

describe('declaring a change of situation', () => {
  it('camille.martin declares a new address once, reviews the agencies it reaches, and sees the receipt and each agency’s answer', async () => {
    page = await newPage();
    await signIn(page, 'camille.martin');
    await app.open(page, 'changement');
    expect(await page.title()).toBe('Déclarer un changement — Compte des comptes');
    expect(normalise(await page.locator('section', { hasText: 'Mes déclarations' }).last().innerText())).toContain('Vous n’avez encore déclaré aucun changement.');
    // The agencies that hold a file on her, all ticked.
    const agencies = page.getByRole('group', { name: 'Organismes à prévenir' });
    expect(await agencies.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => [box.getAttribute('value'), (box as unknown as { checked: boolean }).checked]))).toEqual([
      ['CPF', true],
      ['RGCU', true],
    ]);
    await expectAccessible(page, 'changement');

    const form = page.locator('form.cdc-form');
    await form.getByRole('group', { name: 'Que voulez-vous déclarer ?' }).locator('label', { hasText: 'Adresse postale' }).click();
    await form.getByLabel(/Numéro et voie/).fill('12 rue des Lilas');
    await form.getByLabel(/Code postal/).fill('6900');
    await form.getByLabel(/Commune/).fill('Lyon');
    await page.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    expect(normalise(await form.locator('.fr-error-text:visible').innerText())).toBe('Un code postal compte 5 chiffres, par exemple 69003.');
    await expectAccessible(page, 'changement-erreur');

    await form.getByLabel(/Code postal/).fill('69003');
    await page.getByRole('button', { name: 'Vérifier ma déclaration' }).click();
    const review = page.getByRole('group', { name: /Vérifiez votre déclaration/ });
    expect(normalise(await review.innerText())).toContain('Elle sera transmise à la Caisse des Dépôts et l’Assurance retraite.');
    expect(normalise(await review.locator('.cdc-facts').innerText())).toMatch(/^Nouvelle adresse 12 rue des Lilas, 69003 Lyon À partir du \d{1,2}(er)? \S+ \d{4}$/);
    await expectAccessible(page, 'changement-verification');

    await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();
    const success = page.locator('.fr-alert--success');
    await success.waitFor();
    expect(normalise(await success.innerText())).toMatch(
      /^Déclaration enregistrée sous le n° DC-\d{4}-[0-9A-F]{10}\. Nous la transmettons à la Caisse des Dépôts et l’Assurance retraite ; suivez leurs réponses ci-dessous\.$/,
    );
    // Read again until both agencies have answered.
    const receipt = page.locator('[data-receipt][data-complete="true"]');
    await receipt.waitFor({ timeout: 30_000 });
    expect((await receipt.locator('tbody tr').allInnerTexts()).map(normalise)).toEqual([
      // The platform's clock of the tests: 10 November 2026, 12:00 UTC (13:00 in Paris).
      'Caisse des Dépôts PRIS EN COMPTE Le 10 novembre 2026 à 13:00',
      'Assurance retraite PRIS EN COMPTE Le 10 novembre 2026 à 13:00',
    ]);
    expect(normalise(await receipt.locator('p').first().innerText())).toMatch(/Tous les organismes ont répondu\.$/);
    await expectAccessible(page, 'changement-recu');
    expect(await app.unpersistedDocuments()).toEqual([]);
  }, 60_000);
});
