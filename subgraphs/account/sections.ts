import { AGENCY_ENUM, type AgencyEnum } from '../shared/agencies.ts';
import type { AgencyName } from '../shared/errors.ts';
import type { InboxMessage } from '../shared/mailbox.ts';
import type { TimelineEvent } from '../shared/timeline-event.ts';

export type SectionOutcome = 'FOUND' | 'NOT_FOUND' | 'FAILED' | 'DENIED';

/** The agency sections a feature requires, as the gateway hands them over (only the fields required). */
export interface AccountPerson {
  id: string;
  pivot?: { birthdate: string };
  training?: TrainingInput | null;
  trainingOutcome?: SectionOutcome;
  retirement?: RetirementInput | null;
  retirementOutcome?: SectionOutcome;
  family?: FamilyInput | null;
  familyOutcome?: SectionOutcome;
  employment?: EmploymentInput | null;
  employmentOutcome?: SectionOutcome;
  /** The agencies' answers to the person's declarations (identity subgraph). */
  declarationEvents?: TimelineEvent[];
}

interface CommonInput {
  events?: TimelineEvent[];
  /** Null when the mailbox could not be read. */
  messages?: InboxMessage[] | null;
}

export interface TrainingInput extends CommonInput {
  cpf?: { balance: number; lastCreditedOn: string | null; creditRule: { lowQualified: boolean } };
  c2p?: { usedPoints: number; availablePoints: number } | null;
}

export interface RetirementInput extends CommonInput {
  careerPeriods?: Array<{ scheme: string; kind: string; startDate: string; endDate: string | null; annualEarnings: number | null }>;
}

export interface FamilyInput extends CommonInput {
  benefits?: Array<{ code: string; label: string; endDate: string | null }>;
  adults?: number;
  children?: Array<{ birthDate: string }>;
}

export interface EmploymentInput extends CommonInput {
  allowance?: { kind: string; rightsEndOn: string } | null;
  monthlyUpdate?: { period: string; dueOn: string; status: 'DUE' | 'DONE' } | null;
}

interface Sections {
  cpf: TrainingInput;
  rgcu: RetirementInput;
  caf: FamilyInput;
  'france-travail': EmploymentInput;
}

/** One agency's section as a feature sees it. */
export interface Section<A extends AgencyName> {
  agency: A;
  outcome: SectionOutcome;
  /** Present when the agency knows the person and could be read. */
  data: Sections[A] | null;
}

const FIELDS = {
  cpf: ['training', 'trainingOutcome'],
  rgcu: ['retirement', 'retirementOutcome'],
  caf: ['family', 'familyOutcome'],
  'france-travail': ['employment', 'employmentOutcome'],
} as const;

export function sectionOf<A extends AgencyName>(person: AccountPerson, agency: A): Section<A> {
  const [field, outcomeField] = FIELDS[agency];
  const outcome = person[outcomeField] ?? 'FAILED';
  const data = outcome === 'FOUND' ? ((person[field] ?? null) as Sections[A] | null) : null;
  return { agency, outcome, data };
}

export function allSections(person: AccountPerson): Section<AgencyName>[] {
  return (Object.keys(FIELDS) as AgencyName[]).map((agency) => sectionOf(person, agency));
}

/** Whether the agency's part of a feature is missing: it failed, or the access does not cover it. */
export function isUnavailable(section: Section<AgencyName>): boolean {
  return section.outcome === 'FAILED' || section.outcome === 'DENIED';
}

export function unavailableAgencies(sections: readonly Section<AgencyName>[]): AgencyEnum[] {
  return sections.filter(isUnavailable).map((section) => AGENCY_ENUM[section.agency]);
}
