import { inputError } from '../shared/action-errors.ts';
import type { TimelineEvent } from '../shared/timeline-event.ts';
import { allSections, unavailableAgencies, type AccountPerson } from './sections.ts';

const MAX_PAGE_SIZE = 100;

type EventKey = Pick<TimelineEvent, 'date' | 'id'>;

/** Newest first; ids break ties, so the order is total and the same at every request. */
function compare(a: EventKey, b: EventKey): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A cursor holds the event's own sort key, not a position: the page after it starts at the
 * first event that sorts after it, even if events were added or removed since.
 */
function cursorOf(event: EventKey): string {
  return Buffer.from(JSON.stringify([event.date, event.id])).toString('base64url');
}

function keyOf(cursor: string): EventKey {
  try {
    const [date, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof date === 'string' && typeof id === 'string') return { date, id };
  } catch {
    // Reported below, like any other cursor that is not ours.
  }
  throw inputError('after', 'INVALID_FORMAT', 'after is not a timeline cursor: pass pageInfo.endCursor of the previous page.');
}

/** One page of the person's timeline merged from every agency section it was given. */
export function timelinePage(person: AccountPerson, first: number, after: string | null | undefined) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw inputError('first', 'OUT_OF_RANGE', `first must be 1 to ${MAX_PAGE_SIZE} (got ${first}).`);
  }
  const sections = allSections(person);
  const events = sections.flatMap((section) => section.data?.events ?? []).sort(compare);
  const start = after == null ? 0 : firstAfter(events, keyOf(after));
  const page = events.slice(start, start + first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + page.length < events.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: events.length,
    unavailableAgencies: unavailableAgencies(sections),
  };
}

/** Index of the first event sorting after `key` (binary search over the sorted events). */
function firstAfter(events: readonly TimelineEvent[], key: EventKey): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(events[middle] as TimelineEvent, key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
