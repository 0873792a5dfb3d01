import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { operationId, type OperationManifest, type PersistedOperation } from '../../../operations/collect.ts';
import { refuse } from './errors.ts';

/**
 * The operations registered in `operations/manifest.json` (`npm run operations`). A client may
 * send one by its id (`extensions.persistedQuery.sha256Hash`, as Apollo's persisted queries do)
 * or by its full text. In production they are the only documents the gateway runs.
 */
export class PersistedOperations {
  readonly #byId: ReadonlyMap<string, PersistedOperation>;
  /** The operations' names: the only ones that get a metrics label of their own. */
  readonly names: ReadonlySet<string>;

  constructor(manifest: OperationManifest) {
    this.#byId = new Map(manifest.operations.map((operation) => [operation.id, operation]));
    this.names = new Set(manifest.operations.map((operation) => operation.name));
  }

  static async load(path: string): Promise<PersistedOperations> {
    const manifest = JSON.parse(await readFile(path, 'utf8')) as OperationManifest;
    if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not a persisted operation manifest: run npm run operations`);
    }
    return new PersistedOperations(manifest);
  }

  get size(): number {
    return this.#byId.size;
  }

  includes(body: string): boolean {
    return this.#byId.has(operationId(body));
  }

  /**
   * Apollo's persisted-query cache, read-only: ids resolve to the registered documents, and a
   * client registering a new one (APQ) stores nothing.
   */
  cache() {
    const byId = this.#byId;
    return {
      async get(key: string) {
        return key.startsWith('apq:') ? byId.get(key.slice('apq:'.length))?.body : undefined;
      },
      async set() {},
      async delete() {},
    };
  }
}

/** The `query` texts a request carries: of each operation of a batch, in the body or the URL. */
function queriesOf(request: FastifyRequest): unknown[] {
  if (request.method === 'GET') return [(request.query as { query?: unknown } | null)?.query];
  const body = request.body;
  return (Array.isArray(body) ? body : [body]).map((operation) => (operation as { query?: unknown } | null)?.query);
}

/**
 * Production mode: a document that is not registered is refused before it is parsed. A request
 * without a document (an id only) goes on: Apollo resolves the id, or answers PERSISTED_QUERY_NOT_FOUND.
 */
export function allowlistHook(operations: PersistedOperations) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const query of queriesOf(request)) {
      if (typeof query === 'string' && !operations.includes(query)) {
        return refuse(
          reply,
          'PERSISTED_QUERY_NOT_IN_LIST',
          'In production this gateway runs only registered operations: send the id of one (extensions.persistedQuery.sha256Hash) or its exact text.',
        );
      }
    }
    return undefined;
  };
}
