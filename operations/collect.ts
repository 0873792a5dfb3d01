import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** Where the operations clients may send in production live: one named operation per `.graphql` file. */
export const OPERATIONS_DIR = fileURLToPath(new URL('.', import.meta.url));
export const MANIFEST_PATH = join(OPERATIONS_DIR, 'manifest.json');

/** One persisted operation, as Apollo's persisted query manifests write it. */
export interface PersistedOperation {
  /** SHA-256 of `body`, in hex: what a client sends as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface OperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export const operationId = (body: string) => createHash('sha256').update(body).digest('hex');

/** Every `.graphql` file under `dir`, in path order (GraphiQL shows its examples in that order). */
async function documentFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Reads the operations of `dir`, refusing a file that does not hold exactly one named operation. */
export async function collectOperations(dir = OPERATIONS_DIR): Promise<Array<PersistedOperation & { file: string }>> {
  const operations: Array<PersistedOperation & { file: string }> = [];
  for (const path of await documentFiles(dir)) {
    const body = await readFile(path, 'utf8');
    const definitions = parse(body).definitions;
    const [operation, ...others] = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const file = relative(dir, path);
    if (!operation?.name || others.length > 0) throw new Error(`${file} must hold exactly one named operation`);
    operations.push({ id: operationId(body), name: operation.name.value, type: operation.operation, body, file });
  }
  const names = operations.map((o) => o.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`two operations are named ${duplicate}`);
  return operations;
}

export async function buildManifest(dir = OPERATIONS_DIR): Promise<OperationManifest> {
  const operations = await collectOperations(dir);
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: operations.map(({ id, name, type, body }) => ({ id, name, type, body })),
  };
}
