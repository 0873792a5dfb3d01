import type { Formation } from './catalogue.ts';
import type { CafDossier } from './dossiers/caf.ts';
import type { CpfDossier } from './dossiers/cpf.ts';
import type { FranceTravailDossier } from './dossiers/france-travail.ts';
import type { RgcuDossier } from './dossiers/rgcu.ts';
import type { Pivot } from '../../contract/pivot.ts';

import type { AgencyName } from '../../contract/agencies.ts';

export { AGENCY_NAMES, type AgencyName } from '../../contract/agencies.ts';


/** A message in an agency's secure mailbox for one person. */
export interface Message {
  id: string;
  /** ISO 8601 instant, UTC. */
  date_envoi: string;
  expediteur: 'AGENCE' | 'USAGER';
  objet: string;
  corps: string;
  lu: boolean;
}

export interface AgencyDossiers {
  cpf: CpfDossier | null;
  rgcu: RgcuDossier | null;
  caf: CafDossier | null;
  'france-travail': FranceTravailDossier | null;
}

export type DossierOf<A extends AgencyName> = NonNullable<AgencyDossiers[A]>;

/** One person of the synthetic population, and what each agency holds on them (null: unknown there). */
export interface Person {
  /** Stable reference inside the population (`P-0000001`), not an agency identifier. */
  ref: string;
  /** The demo login for curated personas; null for generated people. */
  login: string | null;
  pivot: Pivot;
  dossiers: AgencyDossiers;
  /** Each agency's mailbox, newest first; empty where the person is unknown. */
  messages: Record<AgencyName, Message[]>;
}

export interface Population {
  seed: number;
  /** Number of generated people, the personas not included. */
  size: number;
  /** YYYY-MM-DD: the day the figures are computed for. */
  today: string;
  /** The personas first, then the generated people. */
  persons: Person[];
  /** The CPF training catalogue. */
  catalogue: Formation[];
}

/** What one agency holds: its dossiers with the identity they are filed under, and their mailboxes. */
export interface AgencyRecord<D> {
  pivot: Pivot;
  dossier: D;
  messages: readonly Message[];
}

export interface AgencySlice<D> {
  today: string;
  records: readonly AgencyRecord<D>[];
}

export interface CpfSlice extends AgencySlice<CpfDossier> {
  catalogue: readonly Formation[];
}
