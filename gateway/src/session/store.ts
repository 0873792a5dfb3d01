import { PlatformError } from '../../../contract/errors.ts';

/** What a store keeps: JSON, so that every instance of the gateway reads what another wrote. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Short-lived server-side state (sessions, logins in progress), each entry expiring on its own.
 * Every method rejects with SessionStoreUnavailableError when the backing store cannot answer.
 */
export interface SessionStore {
  /** The value under `key`, or null when absent or expired. */
  get(key: string): Promise<JsonValue | null>;
  /** Stores `value` under `key` for `ttlSeconds`, replacing any previous value. */
  set(key: string, value: JsonValue, ttlSeconds: number): Promise<void>;
  /** Reads the value and restarts its lifetime at `ttlSeconds`: sliding (idle) expiry. */
  touch(key: string, ttlSeconds: number): Promise<JsonValue | null>;
  /** Reads and removes in one step, so a single-use value is used once even by concurrent requests. */
  take(key: string): Promise<JsonValue | null>;
  destroy(key: string): Promise<void>;
  /** Resolves when the store answers (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store cannot answer: SESSION_STORE_UNAVAILABLE (503) with the catalogue's message; which
 * operation failed and the client's error stay for the logs.
 */
export class SessionStoreUnavailableError extends PlatformError {
  override readonly name = 'SessionStoreUnavailableError';

  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super('SESSION_STORE_UNAVAILABLE', { cause: options?.cause });
  }
}
