import { AGENCY_ENUM } from '../shared/agencies.ts';
import type { InboxMessage } from '../shared/mailbox.ts';
import { allSections, isUnavailable, type AccountPerson } from './sections.ts';

/** Newest first; ties (same instant) ordered by agency and id so the order never flickers. */
function compare(a: InboxMessage, b: InboxMessage): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? 1 : -1;
  const left = `${a.agency}\u001f${a.id}`;
  const right = `${b.agency}\u001f${b.id}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Every agency's mailbox merged; an agency whose file was read but whose mailbox failed is
 * unavailable too. One can write to the agencies that hold a file, and to them only.
 */
export function inboxOf(person: AccountPerson) {
  const sections = allSections(person);
  const messages = sections.flatMap((section) => section.data?.messages ?? []).sort(compare);
  const unavailable = sections.filter((section) => isUnavailable(section) || (section.data !== null && section.data.messages == null));
  return {
    messages,
    unreadCount: messages.filter((message) => !message.read).length,
    unavailableAgencies: unavailable.map((section) => AGENCY_ENUM[section.agency]),
    recipients: sections.filter((section) => section.outcome === 'FOUND').map((section) => AGENCY_ENUM[section.agency]),
  };
}
