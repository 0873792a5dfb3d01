import { GraphQLScalarType, Kind } from 'graphql';
import { PlatformError } from './errors.ts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw invalidScalar(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidScalar(`EuroCents must be an integer number of cents, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const EuroCentsScalar = new GraphQLScalarType({
  name: 'EuroCents',
  serialize: parseCents,
  parseValue: parseCents,
  parseLiteral: (ast) => parseCents(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});

/** Agencies publish euros with two decimals; the platform speaks integer cents. */
export function centsOf(euros: number): number {
  return Math.round(euros * 100);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Any ISO 8601 instant with an offset, normalised to UTC with milliseconds. */
function parseInstant(value: unknown): string {
  const time = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw invalidScalar(`DateTime must be an ISO 8601 instant such as 2026-11-02T08:30:00.000Z, got ${JSON.stringify(value)}`);
  }
  return new Date(time).toISOString();
}

/** Instants as ISO 8601 strings in UTC; resolvers may return a `Date`. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseInstant(value)),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * A value of a scalar in the wrong form. The scalar does not know which argument holds it:
 * graphql-js names the variable in the message, and the reason says what is wrong.
 */
function invalidScalar(message: string): PlatformError {
  return new PlatformError('BAD_USER_INPUT', { message, details: { reason: 'INVALID_FORMAT' } });
}
