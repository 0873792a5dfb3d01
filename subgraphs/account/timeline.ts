import { pageOf, type PageArgs, type SortKey } from '../../common/pagination.ts';
import type { TimelineEvent } from '../shared/timeline-event.ts';
import { allSections, unavailableAgencies, type AccountPerson } from './sections.ts';

/** Newest first; ids break ties, so the order is total and the same at every request. */
const order = {
  keyOf: (event: TimelineEvent): SortKey => [event.date, event.id],
  compare: ([dateA = '', idA = '']: SortKey, [dateB = '', idB = '']: SortKey): number => {
    if (dateA !== dateB) return dateA < dateB ? 1 : -1;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  },
  keyLength: 2,
};

/** One page of the person's timeline merged from every agency section it was given, and the answers to their declarations. */
export function timelinePage(person: AccountPerson, args: PageArgs) {
  const sections = allSections(person);
  const events = [...sections.flatMap((section) => section.data?.events ?? []), ...(person.declarationEvents ?? [])].sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b)));
  return { ...pageOf(events, args, order), unavailableAgencies: unavailableAgencies(sections) };
}
