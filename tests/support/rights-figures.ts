import { generatePopulation } from '../../mocks/population/index.ts';
import { TEST_TODAY } from './platform.ts';

/** A figure that must never be stored, and where it comes from (shown when a test finds it). */
export interface RightsFigure {
  value: number;
  source: string;
}

/** An amount field of an agency dossier (mocks/agencies/CONTRACT.md): `solde_euros`, `montant_total`… */
const AMOUNT = /(_euros$|^montant)/;

/**
 * A number that cannot turn up by chance where these tests look: at least four significant
 * digits and 100 or more, so no part of an instant (`12:41:20.412`: below 100, or a year), no
 * journal id, count or code matches it; and not 1900–2100, which any date holds as its year.
 * Quarters, points, days and quotients (2–3 digits) are left out for that reason.
 */
function distinctive(value: number): boolean {
  const significant = String(value).replace('.', '').replace(/^0+/, '').length;
  return value >= 100 && significant >= 4 && (value < 1900 || value > 2100);
}

/**
 * The demo personas' rights figures, read from the dossiers the mock agencies serve (the figures
 * of mocks/population/README.md, computed rather than copied): every amount, in euros as the
 * agencies send it (`4200`, `151.05`) and in cents as the API gives it (`420000`, `15105`),
 * where that form is distinctive. A stored agency answer or API response would hold them.
 */
export function personaRightsFigures(): RightsFigure[] {
  const { persons } = generatePopulation({ size: 0, today: TEST_TODAY });
  const figures = new Map<number, string>();
  const visit = (node: unknown, path: string, login: string) => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${path}[${i}]`, login));
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) visit(value, path ? `${path}.${key}` : key, login);
    else if (typeof node === 'number' && AMOUNT.test(path.slice(path.lastIndexOf('.') + 1))) {
      const forms: Array<[number, string]> = [
        [node, '€'],
        [Math.round(node * 100), 'cents'],
      ];
      for (const [value, unit] of forms) {
        const abs = Math.abs(value);
        if (distinctive(abs) && !figures.has(abs)) figures.set(abs, `${login} ${path} (${unit})`);
      }
    }
  };
  for (const person of persons) visit(person.dossiers, '', person.login ?? person.ref);
  return [...figures].map(([value, source]) => ({ value, source })).sort((a, b) => a.value - b.value);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A number standing on its own: not part of a word, an id or a longer number. */
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?!\w)/g;

/** The figures that stand as numbers in `text` (UUIDs, which are ids, aside). */
export function figuresIn(text: string, figures: readonly RightsFigure[]): RightsFigure[] {
  const numbers = new Set([...text.replace(UUID, ' ').matchAll(NUMBER)].map((match) => Number(match[0])));
  return figures.filter((figure) => numbers.has(figure.value));
}

/** Every key under `prefix` in Redis, with its value when it is a string, one per line: what a scan for figures reads. */
export async function redisEntries(url: string, prefix: string): Promise<string[]> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url);
  try {
    const entries: string[] = [];
    for (const key of await redis.keys(`${prefix}*`)) entries.push(`${key} ${(await redis.type(key)) === 'string' ? ((await redis.get(key)) ?? '') : ''}`);
    return entries;
  } finally {
    await redis.quit();
  }
}
