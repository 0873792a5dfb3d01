import { isValidDate } from '../../population/dates.ts';
import type { Identite } from '../../../contract/identite.ts';
import { FRANCE } from '../../../contract/pivot.ts';
import { fail, received } from './errors.ts';

/** Where the identity comes from: the query string names the first names `prenoms[]`. */
type Source = 'query' | 'json';

const MAX_NAME_LENGTH = 100;
const MAX_FIRST_NAMES = 10;
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
const COUNTRY_CODE = /^99\d{3}$/;
const DIGITS = /^\d+$/;

/** Reads and checks the identity pivot of a single lookup; a 400 INVALID_PARAMETER names what is wrong. */
export function identiteFromQuery(query: unknown): Identite {
  return readIdentite(asRecord(query), 'query');
}

/** Reads and checks one identity of a batch body. */
export function identiteFromJson(value: unknown): Identite {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('INVALID_PARAMETER', `Chaque identité doit être un objet JSON (reçu : ${received(value)}).`, 'identites');
  }
  return readIdentite(value as Record<string, unknown>, 'json');
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function readIdentite(fields: Record<string, unknown>, source: Source): Identite {
  const nomNaissance = name(fields, 'nomNaissance');
  const prenoms = firstNames(fields, source);
  const anneeDateNaissance = integer(fields, 'anneeDateNaissance', 1850, 2100, 'une année sur 4 chiffres');
  const moisDateNaissance = integer(fields, 'moisDateNaissance', 1, 12, 'un mois de 1 à 12');
  const jourDateNaissance = integer(fields, 'jourDateNaissance', 1, 31, 'un jour de 1 à 31');
  if (!isValidDate(anneeDateNaissance, moisDateNaissance, jourDateNaissance)) {
    throw fail(
      'INVALID_PARAMETER',
      `La date de naissance ${anneeDateNaissance}-${pad(moisDateNaissance)}-${pad(jourDateNaissance)} n'existe pas.`,
      'jourDateNaissance',
    );
  }
  const sexeEtatCivil = single(fields, 'sexeEtatCivil');
  if (sexeEtatCivil !== 'M' && sexeEtatCivil !== 'F') {
    throw fail('INVALID_PARAMETER', `sexeEtatCivil doit valoir M ou F (reçu : ${received(sexeEtatCivil)}).`, 'sexeEtatCivil');
  }
  const codeCogInseePaysNaissance = single(fields, 'codeCogInseePaysNaissance');
  if (typeof codeCogInseePaysNaissance !== 'string' || !COUNTRY_CODE.test(codeCogInseePaysNaissance)) {
    throw fail(
      'INVALID_PARAMETER',
      `codeCogInseePaysNaissance doit être un code pays INSEE de 5 chiffres commençant par 99, 99100 pour la France (reçu : ${received(codeCogInseePaysNaissance)}).`,
      'codeCogInseePaysNaissance',
    );
  }
  const identite: Identite = {
    nomNaissance,
    prenoms,
    anneeDateNaissance,
    moisDateNaissance,
    jourDateNaissance,
    sexeEtatCivil,
    codeCogInseePaysNaissance,
  };
  const commune = single(fields, 'codeCogInseeCommuneNaissance');
  const given = commune !== undefined && commune !== null && commune !== '';
  if (codeCogInseePaysNaissance === FRANCE) {
    if (!given) {
      throw fail(
        'INVALID_PARAMETER',
        'codeCogInseeCommuneNaissance est obligatoire pour une personne née en France (codeCogInseePaysNaissance 99100).',
        'codeCogInseeCommuneNaissance',
      );
    }
    if (typeof commune !== 'string' || !COMMUNE_CODE.test(commune)) {
      throw fail(
        'INVALID_PARAMETER',
        `codeCogInseeCommuneNaissance doit être un code commune INSEE de 5 caractères, comme 69123 ou 2A004 (reçu : ${received(commune)}).`,
        'codeCogInseeCommuneNaissance',
      );
    }
    identite.codeCogInseeCommuneNaissance = commune;
  } else if (given) {
    throw fail(
      'INVALID_PARAMETER',
      "codeCogInseeCommuneNaissance ne se donne pas pour une personne née à l'étranger : retirez-le.",
      'codeCogInseeCommuneNaissance',
    );
  }
  return identite;
}

/** A query parameter given twice arrives as an array: that is an error, not a choice. */
function single(fields: Record<string, unknown>, field: string): unknown {
  const value = fields[field];
  if (Array.isArray(value)) throw fail('INVALID_PARAMETER', `${field} est donné plusieurs fois.`, field);
  return value;
}

function name(fields: Record<string, unknown>, field: string): string {
  const value = single(fields, field);
  if (value === undefined || value === null) throw fail('INVALID_PARAMETER', `${field} est obligatoire.`, field);
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
    throw fail(
      'INVALID_PARAMETER',
      `${field} doit être un texte non vide de ${MAX_NAME_LENGTH} caractères au plus (reçu : ${received(value)}).`,
      field,
    );
  }
  return value;
}

function firstNames(fields: Record<string, unknown>, source: Source): string[] {
  const field = source === 'query' ? 'prenoms[]' : 'prenoms';
  const raw = fields[field];
  if (raw === undefined || raw === null) {
    throw fail('INVALID_PARAMETER', `${field} est obligatoire : donnez chaque prénom, dans l'ordre de l'état civil.`, field);
  }
  const values = source === 'query' && typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_FIRST_NAMES) {
    throw fail('INVALID_PARAMETER', `${field} doit être une liste de 1 à ${MAX_FIRST_NAMES} prénoms (reçu : ${received(raw)}).`, field);
  }
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
      throw fail('INVALID_PARAMETER', `Chaque prénom doit être un texte non vide (reçu : ${received(value)}).`, field);
    }
  }
  return values as string[];
}

/** Numbers come as JSON numbers in a batch and as digits in a query string; both are accepted. */
function integer(fields: Record<string, unknown>, field: string, min: number, max: number, expected: string): number {
  const value = single(fields, field);
  if (value === undefined || value === null || value === '') throw fail('INVALID_PARAMETER', `${field} est obligatoire.`, field);
  const number = typeof value === 'number' ? value : typeof value === 'string' && DIGITS.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw fail('INVALID_PARAMETER', `${field} doit être ${expected} (reçu : ${received(value)}).`, field);
  }
  return number;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
