import { addMonths, dateInMonth, monthOf, yearOf } from '../dates.ts';
import { BENEFIT_LABELS, type BenefitCode } from '../referential/labels.ts';
import { CAF_PAYMENT_DAY } from '../referential/rules.ts';

export interface PersonneCaf {
  nom_naissance: string;
  nom_usage: string | null;
  prenoms: string;
  date_naissance: string;
  sexe: 'M' | 'F';
}

export interface Adresse {
  destinataire: string;
  complement_information: string | null;
  complement_information_geographique: string | null;
  numero_libelle_voie: string;
  lieu_dit: string | null;
  code_postal_ville: string;
  pays: string;
}

export interface Prestation {
  code: BenefitCode;
  libelle: string;
  montant_mensuel_euros: number;
  date_debut_droit: string;
  date_fin_droit: string | null;
}

export interface PaiementCaf {
  id: string;
  date_versement: string;
  prestation: BenefitCode;
  montant_euros: number;
}

export interface CafDossier {
  numero_allocataire: string;
  quotient_familial: { fournisseur: 'CNAF'; valeur: number; annee: number; mois: number };
  allocataires: PersonneCaf[];
  enfants: PersonneCaf[];
  adresse: Adresse;
  prestations: Prestation[];
  paiements: PaiementCaf[];
}

/** A benefit right, without the label the CAF prints next to it. */
export type Droit = Omit<Prestation, 'libelle'>;

/** What the CAF knows: the household, its address, its quotient and its benefit rights. */
export interface CafSituation {
  allocataires: PersonneCaf[];
  enfants: PersonneCaf[];
  adresse: Adresse;
  /** Quotient familial in euros, computed by the CAF from the income of year N-2. */
  quotient_familial: number;
  droits: Droit[];
}

/** Payments kept in the dossier: the last twelve months. */
const PAYMENT_HISTORY_MONTHS = 12;

/**
 * The allocataire's file. Benefits of month M are paid on the 5th of M+1; the quotient is the
 * one of today's month.
 */
export function buildCafDossier(numero: string, situation: CafSituation, today: string): CafDossier {
  return {
    numero_allocataire: numero,
    quotient_familial: { fournisseur: 'CNAF', valeur: situation.quotient_familial, annee: yearOf(today), mois: monthOf(today) },
    allocataires: situation.allocataires,
    enfants: situation.enfants,
    adresse: situation.adresse,
    prestations: situation.droits.map((droit) => ({ ...droit, libelle: BENEFIT_LABELS[droit.code] })),
    paiements: payments(numero, situation.droits, today),
  };
}

function payments(numero: string, droits: readonly Droit[], today: string): PaiementCaf[] {
  const number = numero.slice(numero.indexOf('-') + 1);
  const oldest = addMonths(today, -PAYMENT_HISTORY_MONTHS);
  const paid: PaiementCaf[] = [];
  // Newest first: walk the months back from today's.
  for (let back = 0; back <= PAYMENT_HISTORY_MONTHS; back++) {
    const paidOn = addMonths(dateInMonth(today.slice(0, 7), CAF_PAYMENT_DAY), -back);
    if (paidOn > today || paidOn <= oldest) continue;
    const month = addMonths(paidOn, -1).slice(0, 7);
    for (const droit of droits) {
      if (droit.date_debut_droit.slice(0, 7) > month) continue;
      if (droit.date_fin_droit !== null && droit.date_fin_droit.slice(0, 7) < month) continue;
      paid.push({
        id: `PAI-${number}-${month.replace('-', '')}-${droit.code}`,
        date_versement: paidOn,
        prestation: droit.code,
        montant_euros: droit.montant_mensuel_euros,
      });
    }
  }
  return paid;
}
