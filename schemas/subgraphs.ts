import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** What of the signed-in citizen's identity a subgraph's internal tokens carry. */
export type IdentityClaim = 'pivot' | 'email';

/**
 * The platform's own subgraphs, with the URL each listens on by default (see README), the
 * agency each one reads, so errors can name it, and what of the citizen's identity its tokens
 * carry: identity answers `me` with the pivot and email; an agency subgraph finds the citizen's
 * file by the pivot when the citizen acts (mutations have no @requires); account needs neither.
 */
export const SUBGRAPHS = [
  { name: 'identity', url: 'http://localhost:4101/graphql', agency: null, identityClaims: ['pivot', 'email'] },
  { name: 'training', url: 'http://localhost:4102/graphql', agency: 'cpf', identityClaims: ['pivot'] },
  { name: 'retirement', url: 'http://localhost:4103/graphql', agency: 'rgcu', identityClaims: ['pivot'] },
  { name: 'family', url: 'http://localhost:4104/graphql', agency: 'caf', identityClaims: ['pivot'] },
  { name: 'employment', url: 'http://localhost:4105/graphql', agency: 'france-travail', identityClaims: ['pivot'] },
  // Calls no agency: it combines the agency sections it is given through @requires.
  { name: 'account', url: 'http://localhost:4106/graphql', agency: null, identityClaims: [] },
] as const satisfies ReadonlyArray<{ name: string; url: string; agency: string | null; identityClaims: readonly IdentityClaim[] }>;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/**
 * The subgraphs of the rights sections, account which combines them, and identity whose
 * declarations reach the timeline: they share `shared/sections.graphql`.
 */
const SECTION_SUBGRAPHS: ReadonlySet<SubgraphName> = new Set(['identity', 'training', 'retirement', 'family', 'employment', 'account']);

const readSchema = (file: string) => readFile(fileURLToPath(new URL(file, import.meta.url)), 'utf8');

/** Reads a subgraph's SDL: `schemas/<name>.graphql`, with the section types it shares when it has them. */
export async function readSubgraphSdl(name: SubgraphName): Promise<string> {
  const own = await readSchema(`./${name}.graphql`);
  return SECTION_SUBGRAPHS.has(name) ? `${own}\n${await readSchema('./shared/sections.graphql')}` : own;
}
