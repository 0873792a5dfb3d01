import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { RunningPlatform } from '../../dev/platform.ts';
import { normalise } from '../support/chromium.ts';
import { expectAccessible, rendered, WebAppUnderTest } from '../support/web-app.ts';

// Email notifications from the web app, in a real browser: karim.benali subscribes from
// « Mes données » with an address of his own, confirms it by the link emailed there (caught by
// the development SMTP catcher), and the emails go there from then on.

let app: WebAppUnderTest;
let platform: RunningPlatform;
let page: Page;

beforeAll(async () => {
  app = await WebAppUnderTest.start();
  platform = app.platform;
}, 90_000);

afterAll(async () => {
  await page?.close();
  await app?.close();
});

describe('alerts by email', () => {
  it('karim.benali subscribes from « Mes données » with another address, confirms it by the emailed link, and is written to there', async () => {
    page = await app.newPage();
    await app.signIn(page, 'karim.benali');
    await page.getByRole('button', { name: 'Mes données' }).click();
    await page.getByRole('link', { name: 'Alertes par e-mail' }).click();
    await page.waitForURL(app.url('notifications'));
    await rendered(page);
    expect(await page.title()).toBe('Alertes par e-mail — Compte des comptes');
    expect(await page.locator('[data-state="not-subscribed"]').count()).toBe(1);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Enregistrer mes alertes' }) });
    // FranceConnect's address is offered, and every kind of alert is ticked.
    expect(await form.getByLabel('Adresse e-mail').inputValue()).toBe('karim.benali@example.fr');
    expect(await form.locator('input[type=checkbox]:checked').count()).toBe(5);
    await expectAccessible(page, 'alertes-email');

    // A wrong address is refused where it was typed.
    await form.getByLabel('Adresse e-mail').fill('karim@');
    await form.getByRole('button', { name: 'Enregistrer mes alertes' }).click();
    await page.locator('.cdc-outcome .fr-alert--error').waitFor();
    expect(normalise(await page.locator('.cdc-outcome').innerText())).toBe(
      'Alertes non enregistrées. Cette adresse n’est pas une adresse e-mail valide : elle s’écrit comme prenom.nom@exemple.fr.',
    );

    await form.getByLabel('Adresse e-mail').fill('karim.perso@example.test');
    await form.getByRole('button', { name: 'Enregistrer mes alertes' }).click();
    await page.locator('[data-state="pending"]').waitFor();
    expect(normalise(await page.locator('.cdc-outcome').innerText())).toBe(
      'Alertes enregistrées. Un lien de confirmation part vers karim.perso@example.test : rien d’autre n’y sera envoyé avant que vous l’ouvriez.',
    );
    await expectAccessible(page, 'alertes-email-a-confirmer');

    // Nothing but the link goes to an address not confirmed yet.
    await platform.worker!.notifier.evaluate();
    await platform.worker!.notifier.settled();
    expect(await platform.worker!.notifier.confirmations()).toBe(1);
    expect(platform.smtpCatcher!.emails.map((email) => [email.to, email.subject])).toEqual([
      [['karim.perso@example.test'], 'Confirmez votre adresse pour les alertes de Compte des comptes'],
    ]);
    const link = /(http\S+\/app\/notifications\/confirmer\?jeton=\S+)/.exec(platform.smtpCatcher!.emails[0]!.text)![1]!;

    await page.goto(link);
    await rendered(page);
    expect(await page.title()).toBe('Adresse confirmée — Compte des comptes');
    expect(normalise(await page.locator('.fr-alert').innerText())).toBe('C’est fait Vos alertes seront envoyées à karim.perso@example.test.');
    await expectAccessible(page, 'alertes-email-confirmee');
    // The same link again does nothing more.
    await page.goto(link);
    await rendered(page);
    expect(await page.title()).toBe('Adresse non confirmée — Compte des comptes');

    await platform.worker!.notifier.evaluate();
    await platform.worker!.notifier.settled();
    expect(platform.smtpCatcher!.emails.map((email) => [email.to, email.subject])).toEqual([
      [['karim.perso@example.test'], 'Confirmez votre adresse pour les alertes de Compte des comptes'],
      [['karim.perso@example.test'], 'Une nouvelle alerte vous attend sur Compte des comptes'],
    ]);

    await page.getByRole('link', { name: 'Gérer mes alertes par e-mail' }).click();
    await rendered(page);
    expect(normalise(await page.locator('[data-state="subscribed"]').innerText())).toMatch(
      /^Adresse karim\.perso@example\.test Alertes Actualisation mensuelle à faire \(France Travail\) ; .+ Autorisation Du .+ au .+ Arrêter les alertes par e-mail$/,
    );
    await page.getByRole('button', { name: 'Arrêter les alertes par e-mail' }).click();
    await page.locator('[data-state="not-subscribed"]').waitFor();
    expect(normalise(await page.locator('.cdc-outcome').innerText())).toBe(
      'Alertes arrêtées. La plateforme ne vous écrira plus, et a effacé ce qu’elle gardait pour le faire.',
    );
    expect(app.consoleErrors).toEqual([]);
    expect(await app.unpersistedDocuments()).toEqual([]);
  }, 90_000);
});
