import { AGENCY_ENUM, type AgencyEnum } from './agencies.ts';
import type { TimelineEventKind } from '../account/resolver-types.generated.ts';
import type { AgencyName } from './errors.ts';

/** A `TimelineEvent` as the agency subgraphs hand it to the account subgraph. */
export interface TimelineEvent {
  id: string;
  date: string;
  agency: AgencyEnum;
  /** One of shared/sections.graphql's kinds, the same in every section subgraph's generated types. */
  kind: TimelineEventKind;
  title: string;
  amount: number | null;
}

/**
 * Builds an agency's event. The id is prefixed with the agency so ids never collide across
 * agencies, and is made of what the agency recorded, so it is the same at every request.
 */
export function eventOf(agency: AgencyName, localId: string, fields: Omit<TimelineEvent, 'id' | 'agency'>): TimelineEvent {
  return { id: `${agency}:${localId}`, agency: AGENCY_ENUM[agency], ...fields };
}
