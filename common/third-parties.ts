import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SECTION_SCOPES } from '../contract/scopes.ts';
import { NOTIFICATION_SCOPES } from '../contract/notifications.ts';

/**
 * Registered third parties: organisations that may help a person, with that person's consent.
 * One file (config/third-parties.json) registers them both at the OpenID provider (client
 * credentials) and at the platform (name, kind, the scopes each may ever ask for).
 */

/**
 * `PLATFORM` is the platform itself reading for the person, under the consent their notification
 * subscription is (contract/notifications.ts): journaled like anyone else, never offered to a
 * citizen as a party to consent to.
 */
export const THIRD_PARTY_KINDS = ['SOCIAL_WORKER', 'UNION', 'MUTUAL_INSURER', 'TRAINING_BODY', 'PLATFORM'] as const;
export type ThirdPartyKind = (typeof THIRD_PARTY_KINDS)[number];

const thirdPartySchema = z
  .object({
    clientId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'lower-case letters, digits and dashes, 3 to 64'),
    name: z.string().min(1),
    kind: z.enum(THIRD_PARTY_KINDS),
    scopes: z.array(z.enum([...SECTION_SCOPES, ...NOTIFICATION_SCOPES])).min(1),
    /** Its secret at the mock provider, for development only; a real provider holds its own. */
    devClientSecret: z.string().min(32),
  })
  .refine((tp) => tp.kind === 'PLATFORM' || tp.scopes.every((scope) => (SECTION_SCOPES as readonly string[]).includes(scope)), {
    message: 'only the platform itself may read beyond the sections (account:read, for the alerts it notifies)',
    path: ['scopes'],
  });

const fileSchema = z.object({ thirdParties: z.array(thirdPartySchema) });

export type ThirdParty = z.infer<typeof thirdPartySchema>;

export const THIRD_PARTIES_PATH = fileURLToPath(new URL('../config/third-parties.json', import.meta.url));

export class ThirdPartyRegistry {
  readonly #byId: ReadonlyMap<string, ThirdParty>;

  constructor(readonly all: readonly ThirdParty[]) {
    this.#byId = new Map(all.map((tp) => [tp.clientId, tp]));
    if (this.#byId.size !== all.length) throw new Error('third parties: a clientId is registered twice');
  }

  get(clientId: string): ThirdParty | undefined {
    return this.#byId.get(clientId);
  }

  /** Those a citizen may choose to consent to: every one but the platform itself. */
  get grantable(): ThirdParty[] {
    return this.all.filter((tp) => tp.kind !== 'PLATFORM');
  }
}

/** Reads and validates the registry once, at start. */
export async function loadThirdParties(path = THIRD_PARTIES_PATH): Promise<ThirdPartyRegistry> {
  const parsed = fileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path} is invalid:\n${parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return new ThirdPartyRegistry(parsed.data.thirdParties);
}
