import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { SessionStore } from '../session/store.ts';

/** A login started at /auth/login and not yet completed at /auth/callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Path on the gateway to land on after login. */
  returnPath?: string;
}

/** How long a person has to complete a login, in seconds (10 min). */
export const PENDING_LOGIN_TTL_SECONDS = 10 * 60;

const pendingLoginSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnPath: z.string().optional(),
});

const PENDING_ID = /^[A-Za-z0-9_-]{43}$/;

/** Where a pending login lives in the session store. */
export const pendingLoginKey = (id: string) => `login:${id}`;

export async function savePendingLogin(store: SessionStore, pending: PendingLogin): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await store.set(pendingLoginKey(id), { ...pending }, PENDING_LOGIN_TTL_SECONDS);
  return id;
}

/** Removes the pending login as it is read: a callback can complete it once only. */
export async function takePendingLogin(store: SessionStore, id: string): Promise<PendingLogin | null> {
  if (!PENDING_ID.test(id)) return null;
  const parsed = pendingLoginSchema.safeParse(await store.take(pendingLoginKey(id)));
  return parsed.success ? parsed.data : null;
}
