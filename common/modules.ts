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
  /** Names its subgraph in the supergraph and derives its pseudonym key: stable, short, plain. */
  name: z.string().regex(/^[a-z][a-z0-9_-]{1,30}$/, 'must be 2 to 31 lower-case letters, digits, - or _, starting with a letter'),
  /** Its GraphQL endpoint. */
  url: z.url(),
  /** Its SDL, relative to the repository root. */
  sdl: z.string().min(1),
  /** The section scopes its fields need (never identity:read); it never gets more, whatever the caller holds. */
  scopes: z.array(z.enum(MODULE_SCOPES)).min(1),
  description: z.string().min(1),
});

const fileSchema = z.object({ modules: z.array(z.unknown()) });

export type ModuleRegistration = z.infer<typeof moduleSchema>;

/** An entry of the modules file that is left out, and why. */
export interface ModuleRefusal {
  /** Its name when it has one, else its place in the file (`modules[2]`). */
  entry: string;
  message: string;
}

export interface ModuleRegistry {
  modules: ModuleRegistration[];
  refused: ModuleRefusal[];
}

export const MODULES_PATH = fileURLToPath(new URL('config/modules.json', ROOT));

/**
 * The registered modules, each entry checked on its own: a bad entry (a name, a URL, a scope) is
 * refused alone, with a message naming it, and the others stay registered. Only a file that is
 * not a list of modules at all is refused whole. Read synchronously: the gateway looks a module
 * up when it builds its data source, which Apollo's gateway does synchronously on each
 * supergraph (re)load.
 */
export function readModuleRegistry(path = MODULES_PATH): ModuleRegistry {
  const file = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!file.success) throw new Error(`${path} must be {"modules": [ … ]}: ${file.error.issues.map((i) => i.message).join('; ')}`);
  const registry: ModuleRegistry = { modules: [], refused: [] };
  file.data.modules.forEach((raw, index) => {
    const named = (raw as { name?: unknown } | null)?.name;
    const entry = typeof named === 'string' && named !== '' ? named : `modules[${index}]`;
    const parsed = moduleSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      registry.refused.push({ entry, message: `module ${entry} in ${path} is refused: ${problems}` });
    } else if (registry.modules.some((m) => m.name === parsed.data.name)) {
      registry.refused.push({ entry, message: `module ${entry} in ${path} is refused: the name is registered already, above` });
    } else {
      registry.modules.push(parsed.data);
    }
  });
  return registry;
}

/** The modules registered and accepted (see readModuleRegistry for those refused). */
export function loadModules(path = MODULES_PATH): ModuleRegistration[] {
  return readModuleRegistry(path).modules;
}

export function readModuleSdl(module: ModuleRegistration): Promise<string> {
  return readFile(fileURLToPath(new URL(module.sdl, ROOT)), 'utf8');
}
