import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The platform's own subgraphs, with the URL each listens on by default (see README) and
 * the agency each one reads, so errors can name it.
 */
export const SUBGRAPHS = [
  { name: 'identity', url: 'http://localhost:4101/graphql', agency: null },
  { name: 'training', url: 'http://localhost:4102/graphql', agency: 'cpf' },
  { name: 'retirement', url: 'http://localhost:4103/graphql', agency: 'rgcu' },
  { name: 'family', url: 'http://localhost:4104/graphql', agency: 'caf' },
  { name: 'employment', url: 'http://localhost:4105/graphql', agency: 'france-travail' },
  // Calls no agency: it combines the agency sections it is given through @requires.
  { name: 'account', url: 'http://localhost:4106/graphql', agency: null },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The subgraphs of the rights sections, and account which combines them: they share `shared/sections.graphql`. */
const SECTION_SUBGRAPHS: ReadonlySet<SubgraphName> = new Set(['training', 'retirement', 'family', 'employment', 'account']);

const readSchema = (file: string) => readFile(fileURLToPath(new URL(file, import.meta.url)), 'utf8');

/** Reads a subgraph's SDL: `schemas/<name>.graphql`, with the section types it shares when it has them. */
export async function readSubgraphSdl(name: SubgraphName): Promise<string> {
  const own = await readSchema(`./${name}.graphql`);
  return SECTION_SUBGRAPHS.has(name) ? `${own}\n${await readSchema('./shared/sections.graphql')}` : own;
}
