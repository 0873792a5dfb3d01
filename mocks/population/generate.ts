import { padded } from './arithmetic.ts';
import { generateCatalogue } from './catalogue.ts';
import { sliceByYear } from './career.ts';
import { addDays, compareIso, parseIsoDate } from './dates.ts';
import { buildCafDossier } from './dossiers/caf.ts';
import { buildCpfDossier } from './dossiers/cpf.ts';
import { buildFranceTravailDossier } from './dossiers/france-travail.ts';
import { buildRgcuDossier } from './dossiers/rgcu.ts';
import { pivotKey } from './identite.ts';
import { generateLife } from './life.ts';
import { personaIdentities } from './personas.ts';
import { PERSONA_SITUATIONS, type MessageDraft, type Situation } from './personas-situations.ts';
import type { Pivot } from '../../contract/pivot.ts';
import { Random, streamSeed } from './random.ts';
import type { AgencyDossiers, AgencyName, Message, Person, Population } from './types.ts';

export interface GenerateOptions {
  /** Any 32-bit integer; default 1. */
  seed?: number;
  /** Generated people, personas not included; default 10,000. */
  size?: number;
  /** YYYY-MM-DD the figures are computed for; default the current UTC date. Pass it for reproducible output. */
  today?: string;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_SIZE = 10_000;
/** A population above this size is a mistake rather than a benchmark (about 1 GB of memory). */
export const MAX_SIZE = 1_000_000;

/** Agency file prefixes: `CPF-0000001`, `RGCU-0000001`, `CAF-0000001`, `FT-0000001`. */
const ID_PREFIXES: Readonly<Record<AgencyName, string>> = {
  cpf: 'CPF',
  rgcu: 'RGCU',
  caf: 'CAF',
  'france-travail': 'FT',
};

/**
 * The synthetic population: the demo personas, then `size` generated people, with what each
 * agency holds on them as of `today`. The same seed, size and today give the same population,
 * byte for byte; person i is the same whatever the size.
 */
export function generatePopulation(options: GenerateOptions = {}): Population {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer (received ${seed})`);
  if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
    throw new RangeError(`size must be an integer from 0 to ${MAX_SIZE} (received ${size})`);
  }
  if (parseIsoDate(today) === null) throw new RangeError(`today must be a date as YYYY-MM-DD (received "${today}")`);

  const catalogue = generateCatalogue(seed, today);
  const ids = new AgencyIds();
  const taken = new Set<string>();
  const persons: Person[] = [];
  for (const persona of personaIdentities) {
    const situationOn = PERSONA_SITUATIONS[persona.login];
    if (situationOn === undefined) throw new Error(`persona ${persona.login} has no situation in personas-situations.ts`);
    taken.add(pivotKey(persona.pivot));
    persons.push(assemble(persons.length, persona.login, persona.pivot, situationOn(today), ids, today));
  }
  for (let index = 0; index < size; index++) {
    const { pivot, situation } = generateLife(new Random(streamSeed(seed, index)), today, catalogue);
    // Homonyms born the same day in the same place would make both unfindable: move the birth by a day.
    while (taken.has(pivotKey(pivot))) pivot.birthdate = addDays(pivot.birthdate, 1);
    taken.add(pivotKey(pivot));
    persons.push(assemble(persons.length, null, pivot, situation, ids, today));
  }
  return { seed, size, today, persons, catalogue };
}

/** Agency file numbers, given in population order to the people each agency knows. */
class AgencyIds {
  readonly #next: Record<AgencyName, number> = { cpf: 1, rgcu: 1, caf: 1, 'france-travail': 1 };

  /** The number the next person this agency knows will get. */
  peek(agency: AgencyName): string {
    return `${ID_PREFIXES[agency]}-${padded(this.#next[agency], 7)}`;
  }

  take(agency: AgencyName): void {
    this.#next[agency] += 1;
  }
}

function assemble(index: number, login: string | null, pivot: Pivot, situation: Situation, ids: AgencyIds, today: string): Person {
  const career = sliceByYear(situation.career, today);
  const messages: Record<AgencyName, Message[]> = { cpf: [], rgcu: [], caf: [], 'france-travail': [] };
  // Files a dossier under the agency's next number when the agency knows the person.
  const file = <D>(agency: AgencyName, build: (id: string) => D | null): D | null => {
    const id = ids.peek(agency);
    const dossier = build(id);
    if (dossier === null) return null;
    ids.take(agency);
    messages[agency] = fileMessages(id, situation.messages[agency] ?? []);
    return dossier;
  };
  const dossiers: AgencyDossiers = {
    cpf: file('cpf', (id) => (situation.cpf === null ? null : buildCpfDossier(id, situation.cpf, career, today))),
    rgcu: file('rgcu', (id) => buildRgcuDossier(id, pivot.birthdate, career, situation.retired, today)),
    caf: file('caf', (id) => (situation.caf === null ? null : buildCafDossier(id, situation.caf, today))),
    'france-travail': file('france-travail', (id) =>
      situation.franceTravail === null ? null : buildFranceTravailDossier(id, situation.franceTravail, today),
    ),
  };
  return { ref: `P-${padded(index + 1, 7)}`, login, pivot, dossiers, messages };
}

/** Messages get their id from the dossier they are filed under, and are listed newest first. */
function fileMessages(dossierId: string, drafts: readonly MessageDraft[]): Message[] {
  return drafts
    .map((draft, i) => ({ id: `${dossierId}-MSG-${i + 1}`, ...draft }))
    .sort((a, b) => compareIso(b.date_envoi, a.date_envoi));
}
