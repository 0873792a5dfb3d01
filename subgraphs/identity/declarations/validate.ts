import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AGENCY_NAMES, type AgencyName } from '../../../contract/agencies.ts';
import type { DeclaredChange } from '../../../contract/declarations.ts';
import { badUserInput } from '../../../contract/errors.ts';

/** The `change` argument of `declareChange`: exactly one of its fields. */
export interface ChangeInput {
  address?: { line: string; complement?: string | null; postcode: string; city: string; effectiveOn: string } | null;
  bankDetails?: { iban: string; bic: string; effectiveOn: string } | null;
  phone?: { number: string } | null;
  email?: { address: string } | null;
}

/** A postal address line: 38 characters, as La Poste's standard (NF Z10-011) allows. */
const MAX_LINE = 38;
const MAX_KEY_LENGTH = 200;
/** Metropolitan and overseas postcodes: departments 01–95 (20 for Corsica), 97 and 98. */
const POSTCODE = /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
/** A change takes effect from 3 months back (a move declared late) to a year ahead. */
const PAST_DAYS = 92;
const FUTURE_DAYS = 366;

/**
 * Checks a declared change field by field, before anything is stored or sent, and answers it in
 * the form the agencies receive (IBAN in electronic form, phone in E.164). Each refusal is
 * BAD_USER_INPUT naming the field and what to fix.
 */
export function checkChange(input: ChangeInput, today: string): DeclaredChange {
  const given = (['address', 'bankDetails', 'phone', 'email'] as const).filter((field) => input[field] != null);
  if (given.length !== 1) {
    throw badUserInput(
      given.length === 0 ? 'change' : `change.${given[1]}`,
      given.length === 0 ? 'REQUIRED' : 'NOT_EXPECTED',
      'Declare one change at a time: give exactly one of change.address, change.bankDetails, change.phone or change.email.',
    );
  }
  if (input.address) {
    const { address } = input;
    return {
      kind: 'ADDRESS',
      effectiveOn: effectiveOn('change.address.effectiveOn', address.effectiveOn, today),
      address: {
        line: line('change.address.line', address.line),
        complement: address.complement == null || address.complement.trim() === '' ? null : line('change.address.complement', address.complement),
        postcode: postcode(address.postcode),
        city: line('change.address.city', address.city),
      },
    };
  }
  if (input.bankDetails) {
    const { bankDetails } = input;
    return {
      kind: 'BANK_DETAILS',
      effectiveOn: effectiveOn('change.bankDetails.effectiveOn', bankDetails.effectiveOn, today),
      iban: iban(bankDetails.iban),
      bic: bic(bankDetails.bic),
    };
  }
  if (input.phone) return { kind: 'PHONE', phone: phone(input.phone.number) };
  return { kind: 'EMAIL', email: email(input.email!.address) };
}

/** The agencies to deliver to: all four by default, each once, in a stable order. */
export function checkAgencies(agencies: readonly AgencyName[] | null | undefined): AgencyName[] {
  if (agencies == null) return [...AGENCY_NAMES];
  if (agencies.length === 0) throw badUserInput('agencies', 'REQUIRED', 'Choose at least one agency, or leave agencies out to reach all of them.');
  return AGENCY_NAMES.filter((agency) => agencies.includes(agency));
}

export function checkDeclarationKey(key: string): void {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    throw badUserInput(
      'idempotencyKey',
      key.length < 1 ? 'REQUIRED' : 'OUT_OF_RANGE',
      `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters, generated once per declaration (got ${key.length}).`,
    );
  }
}

function line(field: string, value: string): string {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') throw badUserInput(field, 'REQUIRED', `${field} is blank.`);
  if (text.length > MAX_LINE) throw badUserInput(field, 'OUT_OF_RANGE', `${field} must fit in ${MAX_LINE} characters (got ${text.length}), as on an envelope.`);
  return text;
}

function postcode(value: string): string {
  const text = value.trim();
  if (!POSTCODE.test(text)) {
    throw badUserInput('change.address.postcode', 'INVALID_FORMAT', `change.address.postcode must be a French postcode of 5 digits (got "${text.slice(0, 10)}").`);
  }
  return text;
}

function effectiveOn(field: string, value: string, today: string): string {
  const day = Date.parse(`${value}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  const earliest = new Date(now - PAST_DAYS * 86_400_000).toISOString().slice(0, 10);
  const latest = new Date(now + FUTURE_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (value < earliest || value > latest || Number.isNaN(day)) {
    throw badUserInput(field, 'OUT_OF_RANGE', `${field} must be between ${earliest} and ${latest} (got ${value}).`);
  }
  return value;
}

function iban(value: string): string {
  const electronic = electronicFormatIBAN(value) ?? '';
  if (!isValidIBAN(electronic)) {
    throw badUserInput('change.bankDetails.iban', 'INVALID_IBAN', 'change.bankDetails.iban is not a valid IBAN: check its country code, length and check digits.');
  }
  if (!isSEPACountry(electronic.slice(0, 2))) {
    throw badUserInput('change.bankDetails.iban', 'INVALID_IBAN', 'change.bankDetails.iban must be an account in the SEPA area, where the agencies pay.');
  }
  return electronic;
}

function bic(value: string): string {
  const text = value.replace(/\s+/g, '').toUpperCase();
  if (!isValidBIC(text)) throw badUserInput('change.bankDetails.bic', 'INVALID_IBAN', 'change.bankDetails.bic must be a BIC of 8 or 11 characters (AGRIFRPP).');
  return text;
}

function phone(value: string): string {
  const number = parsePhoneNumberFromString(value, 'FR');
  if (!number?.isValid()) {
    throw badUserInput('change.phone.number', 'INVALID_FORMAT', 'change.phone.number is not a valid phone number: give it as +33 6 12 34 56 78 or 06 12 34 56 78.');
  }
  return number.number;
}

function email(value: string): string {
  const text = value.trim();
  if (text.length > 254 || !EMAIL.test(text)) {
    throw badUserInput('change.email.address', 'INVALID_FORMAT', 'change.email.address is not an email address (name@example.fr).');
  }
  return text;
}
