import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MODULE_SCOPES } from '../contract/scopes.ts';

/**
 * Third-party modules: subgraphs written by others that extend `Person`. Registering one here is
 * all it takes: `npm run compose` adds it to the supergraph, the gateway reloads it, and calls it
 * with pseudonyms only (see gateway/src/module-datasource.ts).
 */

const ROOT = new URL('../', import.meta.url);

const moduleSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'lower-case letters, digits and underscores'),
  /** Its GraphQL endpoint. */
  url: z.url(),
  /** Its SDL, relative to the repository root. */
  sdl: z.string().min(1),
  /** The section scopes its fields need (never identity:read); it never gets more, whatever the caller holds. */
  scopes: z.array(z.enum(MODULE_SCOPES)).min(1),
  description: z.string().min(1),
});

const fileSchema = z.object({ modules: z.array(moduleSchema) });

export type ModuleRegistration = z.infer<typeof moduleSchema>;

export const MODULES_PATH = fileURLToPath(new URL('config/modules.json', ROOT));

/**
 * Read synchronously: the gateway looks a module up when it builds its data source, which
 * Apollo's gateway does synchronously on each supergraph (re)load.
 */
export function loadModules(path = MODULES_PATH): ModuleRegistration[] {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path} is invalid:\n${parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.modules;
}

export function readModuleSdl(module: ModuleRegistration): Promise<string> {
  return readFile(fileURLToPath(new URL(module.sdl, ROOT)), 'utf8');
}
