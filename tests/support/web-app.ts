// The citizen web app in a real Chromium against the whole platform, for the browser tests:
// pages that record what they logged and every GraphQL document they sent.
import { expect } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';
import { MANIFEST_PATH } from '../../operations/collect.ts';
import type { PlatformOptions, RunningPlatform } from '../../dev/platform.ts';
import { ensureWebAppBuilt, launchChromium, normalise, screenshot, seriousViolations, type HeadlessChromium } from './chromium.ts';
import { startTestPlatform } from './platform.ts';

export class WebAppUnderTest {
  /** Errors the latest page logged (CSP violations included): none is expected. */
  consoleErrors: string[] = [];
  /** Every GraphQL document the app sent: each must be a persisted operation. */
  readonly sentDocuments = new Set<string>();

  private constructor(
    readonly platform: RunningPlatform,
    readonly browser: HeadlessChromium,
    private readonly ownsBrowser: boolean,
  ) {}

  /**
   * Agencies answer within 1 s here, so that a test making one slow stays short. `platform`
   * changes the test platform's options (another date); `browser` is one already running, that
   * `close` leaves open for its owner.
   */
  static async start(options: { platform?: PlatformOptions; browser?: HeadlessChromium } = {}): Promise<WebAppUnderTest> {
    ensureWebAppBuilt();
    const [platform, browser] = await Promise.all([
      startTestPlatform({ ...options.platform, env: { AGENCY_TIMEOUT_MS: '1000', ...options.platform?.env } }),
      options.browser ?? launchChromium(),
    ]);
    return new WebAppUnderTest(platform, browser, options.browser === undefined);
  }

  /** The address of a screen: a path under /app/. */
  url(path = ''): string {
    return `${this.platform.gatewayUrl}/app/${path}`;
  }

  /** A fresh page with no session. */
  async newPage(): Promise<Page> {
    await this.browser.context.clearCookies();
    const created = await this.browser.context.newPage();
    this.consoleErrors = [];
    // The app's own pages only: the mock provider's pages are not under test here.
    created.on('console', (message) => {
      const { url } = message.location();
      if (message.type() === 'error' && url.startsWith(this.platform.gatewayUrl)) this.consoleErrors.push(`${message.text()} (${url})`);
    });
    created.on('pageerror', (error) => this.consoleErrors.push(error.message));
    created.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql') || !request.frame().url().startsWith(this.url())) return;
      this.sentDocuments.add((JSON.parse(request.postData() ?? '{}') as { query?: string }).query ?? '');
    });
    return created;
  }

  /** Signs a persona in with the FranceConnect button and the mock provider's own form. */
  async signIn(target: Page, login: string): Promise<void> {
    await target.goto(this.url());
    await rendered(target);
    await target.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await target.getByLabel('Identifiant').fill(login);
    await target.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await target.getByRole('button', { name: 'Se connecter' }).click();
    await target.waitForURL(this.url());
    await rendered(target);
  }

  /** Follows a link of the main navigation, as a keyboard or mouse user would. */
  async navigate(target: Page, label: string, path: string): Promise<void> {
    await target.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: label, exact: true }).click();
    await target.waitForURL(this.url(path));
    await rendered(target);
  }

  /** Opens a screen by its address, as after a reload. */
  async open(target: Page, path: string): Promise<void> {
    await target.goto(this.url(path));
    await rendered(target);
  }

  /** The documents sent that are not in operations/manifest.json: none may be. */
  async unpersistedDocuments(): Promise<string[]> {
    const manifest = JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as { operations: Array<{ body: string }> };
    const persisted = new Set(manifest.operations.map((operation) => operation.body));
    return [...this.sentDocuments].filter((document) => !persisted.has(document));
  }

  async close(): Promise<void> {
    if (this.ownsBrowser) await this.browser?.close();
    await this.platform?.close();
  }
}

/** Waits until the app has rendered a screen: its h1 is there and nothing is loading. */
export async function rendered(target: Page): Promise<void> {
  await target.locator('#contenu:not([aria-busy]) h1').waitFor();
}

/** Each tile's text, by section, white space normalised. */
export async function tiles(target: Page): Promise<Record<string, { state: string | null; text: string }>> {
  const result: Record<string, { state: string | null; text: string }> = {};
  for (const tile of await target.locator('[data-section]').all()) {
    result[(await tile.getAttribute('data-section'))!] = { state: await tile.getAttribute('data-state'), text: normalise(await tile.innerText()) };
  }
  return result;
}

/** Saves the screenshot and axe-core report under test-artifacts/browser/, and fails on a serious or critical violation. */
export async function expectAccessible(target: Page, name: string): Promise<void> {
  await screenshot(target, name);
  expect(await seriousViolations(target, name)).toEqual([]);
}

/** Answers a yes/no question by clicking the label, as a person does (DSFR draws the radio on it). */
export async function answer(form: Locator, question: RegExp, choice: 'Oui' | 'Non'): Promise<void> {
  await form.getByRole('group', { name: question }).locator('label', { hasText: choice }).click();
}

/** A locator's text, white space normalised. */
export async function textOf(locator: Locator): Promise<string> {
  return normalise(await locator.innerText());
}
