import { badUserInput } from '../contract/errors.ts';

/**
 * Relay connections, one way for every list of the schema. A cursor holds the sort key of the
 * item it names (base64url of a JSON array of strings), not a position: the page after it
 * starts at the first item sorting after that key, even if items came or went since.
 */

/** The arguments every connection takes. */
export interface PageArgs {
  first: number;
  after?: string | null;
}

/** What an item sorts by: its date and id, its id… */
export type SortKey = readonly string[];

const MAX_PAGE_SIZE = 100;

function cursorOf(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key the page starts after (null for the first page), once `first` is checked; a cursor
 * that this list did not give (another shape, another encoding) is refused on `after`.
 */
export function afterKey(args: PageArgs, keyLength: number): SortKey | null {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badUserInput('first', 'OUT_OF_RANGE', `first must be 1 to ${MAX_PAGE_SIZE} (got ${args.first}).`);
  }
  if (args.after === null || args.after === undefined) return null;
  const key = parseKey(args.after);
  if (!key || key.length !== keyLength || cursorOf(key) !== args.after) {
    throw badUserInput('after', 'INVALID_FORMAT', 'after is not a cursor of this list: pass pageInfo.endCursor of the previous page.');
  }
  return key;
}

function parseKey(cursor: string): string[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.every((part) => typeof part === 'string') ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The connection of one page of nodes, each edge's cursor naming its node's key. */
export function connectionOf<T>(nodes: readonly T[], keyOf: (node: T) => SortKey, page: { hasNextPage: boolean; hasPreviousPage: boolean }) {
  const edges = nodes.map((node) => ({ cursor: cursorOf(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { ...page, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** One page of a list held whole, sorted by `compare` on the keys: its connection and the list's size. */
export function pageOf<T>(sorted: readonly T[], args: PageArgs, order: { keyOf: (node: T) => SortKey; compare: (a: SortKey, b: SortKey) => number; keyLength: number }) {
  const after = afterKey(args, order.keyLength);
  const start = after === null ? 0 : firstAfter(sorted, after, order);
  const nodes = sorted.slice(start, start + args.first);
  return {
    ...connectionOf(nodes, order.keyOf, { hasNextPage: start + nodes.length < sorted.length, hasPreviousPage: start > 0 }),
    totalCount: sorted.length,
  };
}

/** Index of the first item sorting after `key` (binary search over the sorted items). */
function firstAfter<T>(sorted: readonly T[], key: SortKey, order: { keyOf: (node: T) => SortKey; compare: (a: SortKey, b: SortKey) => number }): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order.compare(order.keyOf(sorted[middle] as T), key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
