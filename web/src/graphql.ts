// The one way this app reads and writes: POST /graphql on the same origin, session cookie attached.

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { NETWORK_ERROR } from './labels.ts';

/**
 * A persisted operation: its file's text in operations/web/ (what the manifest hashes, sent as
 * is), typed with its result and variables. Each is `<Name>Document` in operations.generated.ts
 * (`npm run codegen`). The types are required, so a plain string is not one.
 */
export type Operation<Result, Variables> = string & Required<DocumentTypeDecoration<Result, Variables>>;

/** The variables, which may be left out when the operation has none that are required. */
type VariablesOf<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

export interface ApiError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; agency?: string; serviceName?: string; reason?: string; field?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T;
  /** Partial failures: the fields they name are `null` in `data`. */
  errors: ApiError[];
}

/** No session, or it ended: the citizen must sign in again. */
export class UnauthenticatedError extends Error {
  constructor() {
    super('Not signed in');
    this.name = 'UnauthenticatedError';
  }
}

/** The request as a whole failed: network, gateway, or an error with no data at all. */
export class RequestFailedError extends Error {
  readonly code: string | undefined;
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RequestFailedError';
    this.code = options.code;
  }
}

async function post<T>(query: string, variables?: unknown): Promise<{ data: T | null; errors: ApiError[] }> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (cause) {
    throw new RequestFailedError('Network error', { cause });
  }
  let body: { data?: T | null; errors?: ApiError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (cause) {
    throw new RequestFailedError(`HTTP ${response.status} without a GraphQL body`, { cause });
  }
  const errors = body.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) throw new UnauthenticatedError();
  return { data: body.data ?? null, errors };
}

/** A query: partial data with its errors, or a thrown error when nothing came back. */
export async function graphql<T, V>(operation: Operation<T, V>, ...[variables]: VariablesOf<V>): Promise<ApiResult<T>> {
  const { data, errors } = await post<T>(operation, variables);
  if (data === null) throw new RequestFailedError(errors[0]?.message ?? 'No data', { code: errors[0]?.extensions?.code });
  return { data, errors };
}

export type MutationResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/**
 * An action or a computation the screen asked for: its data, or the first error, for the screen
 * to explain. A refusal is not an exception, nor is a request that never got an answer: it comes
 * back as the error `NETWORK_ERROR`, so the screen says so where the person acted.
 */
export async function mutate<T, V>(operation: Operation<T, V>, ...[variables]: VariablesOf<V>): Promise<MutationResult<T>> {
  let answer: { data: T | null; errors: ApiError[] };
  try {
    answer = await post<T>(operation, variables);
  } catch (error) {
    // The session ended meanwhile: the router shows the sign-in again.
    if (error instanceof UnauthenticatedError) window.dispatchEvent(new CustomEvent('app:refresh'));
    else if (!(error instanceof RequestFailedError)) throw error;
    return { ok: false, error: { message: error.message, extensions: { code: error instanceof UnauthenticatedError ? 'UNAUTHENTICATED' : NETWORK_ERROR } } };
  }
  const { data, errors } = answer;
  if (data === null || errors.length > 0) return { ok: false, error: errors[0] ?? { message: 'No data' } };
  return { ok: true, data };
}

/** One nullable section of `me`: read, not known to its agency, or failed with a coded error. */
export type Section<T> = { state: 'ok'; value: T } | { state: 'unknown' } | { state: 'error'; error: ApiError };

/** The state of `me.<name>`: an error at that path (or under it) makes it an error state. */
export function sectionOf<T>(value: T | null | undefined, errors: ApiError[], name: string): Section<T> {
  const error = errors.find((e) => e.path?.[0] === 'me' && e.path[1] === name);
  if (error && (value === null || value === undefined)) return { state: 'error', error };
  if (value === null || value === undefined) return { state: 'unknown' };
  return { state: 'ok', value };
}
