// Headless Debian Chromium driven by playwright-core, for the browser tests. No browser is
// downloaded: CI installs the `chromium` package (see .ci/run).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots and accessibility reports land here (gitignored). */
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts', 'browser');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own `--user-data-dir`), French locale, desktop viewport. */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'cdc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  // Below jest's 30 s per test, so that a missing element fails naming its locator.
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the web app when `web/dist` is missing, so the tests run from a clean clone (`npm test`
 * builds it first anyway): `npm run build:web`, which generates the operation types it imports.
 */
export function ensureWebAppBuilt(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules, which RGAA 4 maps onto) and writes the
 * whole report next to the screenshots. Injected through the DevTools protocol, which the page's
 * CSP does not govern.
 */
export async function axeViolations(page: Page, name: string): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })
    .then((results) => results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as AxeViolation[];
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await writeFile(join(ARTIFACTS_DIR, `${name}.axe.json`), `${JSON.stringify(violations, null, 2)}\n`);
  return violations;
}

/** The violations a test fails on: serious and critical ones. */
export async function seriousViolations(page: Page, name: string): Promise<AxeViolation[]> {
  return (await axeViolations(page, name)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Text with every run of white space (including the narrow no-break spaces of French numbers) as one space. */
export function normalise(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
