import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { Pivot } from '../../../contract/pivot.ts';
import type { SessionStore } from './store.ts';

/** Idle time after which a session ends, in seconds (30 min); each request restarts it. */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 30 * 60;
/** Time after sign-in at which a session ends however often it is used, in seconds (12 h). */
export const DEFAULT_ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

/** Who signed in, as FranceConnect asserted it. Rights are never kept here: they are read from the agencies. */
export interface SessionIdentity {
  /** FranceConnect's pairwise subject for the gateway. */
  sub: string;
  pivot: Pivot;
  email: string | null;
}

export interface Session extends SessionIdentity {
  /** Kept only as the id_token_hint that ends the FranceConnect session at logout. */
  idToken: string;
  /** When the person signed in, in epoch seconds. */
  createdAt: number;
}

/** The identité pivot in FranceConnect's formats, as read from untrusted input. */
export const pivotSchema = z.object({
  given_name: z.string(),
  family_name: z.string(),
  birthdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: z.enum(['male', 'female']),
  birthplace: z.string(),
  birthcountry: z.string(),
});

// What the store gives back is read as untrusted input: another version of the gateway may have written it.
const sessionSchema = z.object({
  sub: z.string().min(1),
  pivot: pivotSchema,
  email: z.string().nullable(),
  idToken: z.string().min(1),
  createdAt: z.number().int(),
});

/** 256 random bits, base64url: an opaque id nobody can guess. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const keyOf = (id: string) => `session:${id}`;

/** Stores a new session under a fresh random id and returns that id. */
export async function createSession(store: SessionStore, session: Session, idleTimeoutSeconds: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  // Copies, because TypeScript sees plain object types as JSON but not interfaces.
  await store.set(keyOf(id), { ...session, pivot: { ...session.pivot } }, idleTimeoutSeconds);
  return id;
}

/**
 * The session with this id, its idle timeout restarted; null when unknown, idle too long,
 * signed in longer ago than the absolute timeout (it is then destroyed), or malformed.
 */
export async function loadSession(
  store: SessionStore,
  id: string,
  idleTimeoutSeconds: number,
  options: { absoluteTimeoutSeconds?: number; now?: () => number } = {},
): Promise<Session | null> {
  if (!SESSION_ID.test(id)) return null;
  const parsed = sessionSchema.safeParse(await store.touch(keyOf(id), idleTimeoutSeconds));
  if (!parsed.success) return null;
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (parsed.data.createdAt + (options.absoluteTimeoutSeconds ?? DEFAULT_ABSOLUTE_TIMEOUT_SECONDS) <= nowSeconds) {
    await store.destroy(keyOf(id));
    return null;
  }
  return parsed.data;
}

/** Removes the session and returns what it held, so logout can still name it to the provider. */
export async function destroySession(store: SessionStore, id: string): Promise<Session | null> {
  if (!SESSION_ID.test(id)) return null;
  const parsed = sessionSchema.safeParse(await store.take(keyOf(id)));
  return parsed.success ? parsed.data : null;
}
