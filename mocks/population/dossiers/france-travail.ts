import { max, min } from '../arithmetic.ts';
import { addDays, addMonths, dateInMonth, dayOfMonth, toDay } from '../dates.ts';
import { euros } from '../money.ts';
import { JOB_SEEKER_CATEGORIES, type JobSeekerCategory } from '../referential/labels.ts';
import {
  ACTUALISATION_CLOSES_DAY,
  ACTUALISATION_OPENS_DAY,
  FRANCE_TRAVAIL_PAYMENT_DAY,
} from '../referential/rules.ts';

export type Allocation = 'ARE' | 'ASS' | 'AREF';

export interface FranceTravailDossier {
  identifiant: string;
  inscription: {
    date_debut: string;
    date_fin: string | null;
    categorie: { code: JobSeekerCategory; libelle: string };
  } | null;
  indemnisation: {
    allocation: Allocation;
    montant_journalier_brut_euros: number;
    date_ouverture_droits: string;
    date_fin_droits: string;
    jours_restants: number;
  } | null;
  paiements: PaiementFranceTravail[];
  actualisation: Actualisation | null;
}

export interface PaiementFranceTravail {
  date_versement: string;
  montant_total: number;
  montant_allocation: number;
  montant_aide: number;
  montant_autre_aide: number;
}

export interface Actualisation {
  /** YYYY-MM: the month being declared. */
  periode: string;
  date_ouverture: string;
  date_limite: string;
  statut: 'A_FAIRE' | 'EFFECTUEE';
  /** What was declared and when; null while it is to be done. */
  declaration: Declaration | null;
}

/** A monthly update as France Travail recorded it. */
export interface Declaration {
  date_enregistrement: string;
  a_travaille: boolean;
  heures_travaillees: number | null;
  salaire_brut_euros: number | null;
  en_formation: boolean;
  en_arret_maladie: boolean;
  recherche_emploi: boolean;
}

/** What France Travail knows: the registration, the allowance right, the monthly update. */
export interface FranceTravailSituation {
  inscription: { date_debut: string; date_fin: string | null; categorie: JobSeekerCategory } | null;
  indemnisation: {
    allocation: Allocation;
    montant_journalier_brut_euros: number;
    date_ouverture_droits: string;
    /** Length of the right, in days. */
    duree_jours: number;
  } | null;
  /** Whether the monthly update open today has already been made. */
  actualisation_effectuee: boolean;
}

const PAYMENT_HISTORY_MONTHS = 12;

/**
 * The job seeker's file. The monthly update of month M is open from the 28th of M; the
 * allowance of M is paid on the 3rd of M+1 once M is declared. So a job seeker whose update
 * is due has been paid up to the month before.
 */
export function buildFranceTravailDossier(
  identifiant: string,
  situation: FranceTravailSituation,
  today: string,
): FranceTravailDossier {
  const inscription = situation.inscription;
  const registered = inscription !== null && inscription.date_debut <= today && (inscription.date_fin === null || inscription.date_fin > today);
  const opens = actualisationOpensOn(today);
  // None before the registration's first month.
  const open = registered && opens.slice(0, 7) >= inscription.date_debut.slice(0, 7);
  const actualisation: Actualisation | null = !open
    ? null
    : {
        periode: opens.slice(0, 7),
        date_ouverture: opens,
        date_limite: actualisationDueOn(opens),
        statut: situation.actualisation_effectuee ? 'EFFECTUEE' : 'A_FAIRE',
        // Made on the day it opened: a month without work, still looking.
        declaration: situation.actualisation_effectuee
          ? {
              date_enregistrement: opens,
              a_travaille: false,
              heures_travaillees: null,
              salaire_brut_euros: null,
              en_formation: false,
              en_arret_maladie: false,
              recherche_emploi: true,
            }
          : null,
      };
  // The last month paid: the one before the open update (or the open one, once declared); for a
  // former job seeker, the month the registration ended.
  let lastPaidMonth: string | null = null;
  if (actualisation !== null) lastPaidMonth = actualisation.statut === 'EFFECTUEE' ? actualisation.periode : previous(actualisation.periode);
  else if (inscription?.date_fin != null && inscription.date_fin <= today) lastPaidMonth = inscription.date_fin.slice(0, 7);
  const allowance = allowancePayments(situation, lastPaidMonth, today);
  return {
    identifiant,
    inscription:
      inscription === null
        ? null
        : {
            date_debut: inscription.date_debut,
            date_fin: inscription.date_fin,
            categorie: { code: inscription.categorie, libelle: JOB_SEEKER_CATEGORIES[inscription.categorie] },
          },
    indemnisation: registered ? allowance.indemnisation : null,
    paiements: allowance.paiements,
    actualisation,
  };
}

/** The day the latest monthly update opened (the 28th of the month it declares), on or before `today`. */
export function actualisationOpensOn(today: string): string {
  const month = dayOfMonth(today) >= ACTUALISATION_OPENS_DAY ? today.slice(0, 7) : previous(today.slice(0, 7));
  return dateInMonth(month, ACTUALISATION_OPENS_DAY);
}

/** The last day of the update that opened on `opensOn`: the 15th of the next month. */
export function actualisationDueOn(opensOn: string): string {
  return dateInMonth(next(opensOn.slice(0, 7)), ACTUALISATION_CLOSES_DAY);
}

function next(month: string): string {
  return addMonths(`${month}-01`, 1).slice(0, 7);
}

function previous(month: string): string {
  return addMonths(`${month}-01`, -1).slice(0, 7);
}

function allowancePayments(
  situation: FranceTravailSituation,
  lastPaidMonth: string | null,
  today: string,
): { indemnisation: FranceTravailDossier['indemnisation']; paiements: PaiementFranceTravail[] } {
  const right = situation.indemnisation;
  if (right === null) return { indemnisation: null, paiements: [] };
  const opened = toDay(right.date_ouverture_droits);
  const ends = opened + right.duree_jours - 1;
  const stopped = situation.inscription?.date_fin != null ? toDay(situation.inscription.date_fin) : Infinity;
  const oldest = addMonths(today, -PAYMENT_HISTORY_MONTHS);
  const paiements: PaiementFranceTravail[] = [];
  let paidDays = 0;
  if (lastPaidMonth !== null) {
    for (let month = right.date_ouverture_droits.slice(0, 7); month <= lastPaidMonth; month = next(month)) {
      const monthStart = toDay(`${month}-01`);
      const monthEnd = toDay(`${next(month)}-01`) - 1;
      const days = min(monthEnd, ends, stopped) - max(monthStart, opened) + 1;
      if (days <= 0) continue;
      const paidOn = dateInMonth(next(month), FRANCE_TRAVAIL_PAYMENT_DAY);
      if (paidOn > today) continue;
      paidDays += days;
      if (paidOn <= oldest) continue;
      const amount = euros(right.montant_journalier_brut_euros * days);
      paiements.push({ date_versement: paidOn, montant_total: amount, montant_allocation: amount, montant_aide: 0, montant_autre_aide: 0 });
    }
  }
  return {
    indemnisation: {
      allocation: right.allocation,
      montant_journalier_brut_euros: right.montant_journalier_brut_euros,
      date_ouverture_droits: right.date_ouverture_droits,
      date_fin_droits: addDays(right.date_ouverture_droits, right.duree_jours - 1),
      jours_restants: max(0, right.duree_jours - paidDays),
    },
    paiements: paiements.reverse(),
  };
}
