import { max, min } from '../arithmetic.ts';
import { employmentDaysByYear, PRIVATE_SALARIED, type YearSlice } from '../career.ts';
import { addDays, compareIso, yearOf } from '../dates.ts';
import { euros } from '../money.ts';
import {
  C2P_FIRST_YEAR,
  C2P_MAX_POINTS,
  C2P_POINTS_PER_FACTOR_YEAR,
  CEC_CAP,
  CEC_CREDIT_PER_ENGAGEMENT,
  CPF_CREDIT_MONTH_DAY,
  CPF_FIRST_CREDITED_YEAR,
  CPF_FULL_CREDIT_DAYS,
  CPF_LOW_QUALIFIED,
  CPF_STANDARD,
  type C2pFactor,
} from '../referential/rules.ts';

export type MouvementType = 'ALIMENTATION' | 'ABONDEMENT' | 'INSCRIPTION' | 'ANNULATION';

export interface Mouvement {
  id: string;
  date: string;
  type: MouvementType;
  /** Signed: credits are positive, debits (INSCRIPTION) negative. */
  montant_euros: number;
  libelle: string;
}

export interface Inscription {
  id: string;
  numero_formation: string;
  intitule_formation: string;
  session_id: string;
  date_inscription: string;
  date_debut_session: string;
  montant_euros: number;
  statut: 'VALIDEE' | 'ANNULEE';
}

export interface C2p {
  points_acquis: number;
  points_consommes: number;
  points_disponibles: number;
  expositions: Array<{ annee: number; facteur: C2pFactor; points: number }>;
}

export interface Cec {
  solde_euros: number;
  plafond_euros: number;
  engagements: Array<{ annee: number; organisme: string; montant_euros: number }>;
}

export interface CpfDossier {
  id: string;
  peu_qualifie: boolean;
  compte: {
    solde_euros: number;
    plafond_euros: number;
    alimentation_annuelle_euros: number;
    date_derniere_alimentation: string | null;
  };
  mouvements: Mouvement[];
  c2p: C2p | null;
  cec: Cec | null;
  inscriptions: Inscription[];
}

/** An enrolment the person made in the past, paid from the balance at its date. */
export interface PastEnrolment {
  numero_formation: string;
  intitule_formation: string;
  session_id: string;
  date_inscription: string;
  date_debut_session: string;
  montant_euros: number;
  /** Cancelled this many days after enrolling (refunded); null when it went ahead. */
  annulee_apres_jours: number | null;
}

/** What the Caisse des Dépôts knows beyond the career it is fed with. */
export interface CpfSituation {
  peu_qualifie: boolean;
  inscriptions: PastEnrolment[];
  /** Exposure to arduous work, declared by private employers; points for each year employed there. */
  c2p: { facteurs: C2pFactor[]; depuis: number; jusqu_a: number | null; points_consommes: number } | null;
  cec: { engagements: Array<{ annee: number; organisme: string }> } | null;
}

interface LedgerEvent {
  date: string;
  /** Credits before debits on the same day. */
  order: number;
  apply: (ledger: Ledger) => void;
}

interface Ledger {
  balance: number;
  cap: number;
  mouvements: Mouvement[];
  inscriptions: Inscription[];
  lastCredit: string | null;
}

/**
 * The person's account at the Caisse des Dépôts, or null when there is nothing in it to show
 * (no credit yet, no C2P, no CEC). Credits and enrolments are replayed in date order, so the
 * balance never exceeds the cap and an enrolment the balance could not pay is left out.
 */
export function buildCpfDossier(
  id: string,
  situation: CpfSituation,
  slices: readonly YearSlice[],
  today: string,
): CpfDossier | null {
  const rates = situation.peu_qualifie ? CPF_LOW_QUALIFIED : CPF_STANDARD;
  const number = id.slice(id.indexOf('-') + 1);
  const ledger: Ledger = { balance: 0, cap: rates.cap, mouvements: [], inscriptions: [], lastCredit: null };
  const events: LedgerEvent[] = [];
  for (const [year, days] of employmentDaysByYear(slices)) {
    if (year < CPF_FIRST_CREDITED_YEAR) continue;
    const date = `${year + 1}-${CPF_CREDIT_MONTH_DAY}`;
    if (date > today) continue;
    const amount = euros(rates.annualCredit * min(1, days / CPF_FULL_CREDIT_DAYS));
    events.push({ date, order: 0, apply: (l) => credit(l, number, date, amount, `Alimentation annuelle ${year}`) });
  }
  for (const enrolment of situation.inscriptions) {
    if (enrolment.date_inscription > today) continue;
    const paid = { value: false };
    events.push({ date: enrolment.date_inscription, order: 1, apply: (l) => {
        paid.value = enrol(l, number, enrolment, today);
      },
    });
    const cancelledOn = cancellationDate(enrolment);
    if (cancelledOn !== null && cancelledOn <= today) {
      events.push({ date: cancelledOn, order: 1, apply: (l) => {
          if (paid.value) refund(l, number, cancelledOn, enrolment);
        },
      });
    }
  }
  events.sort((a, b) => compareIso(a.date, b.date) || a.order - b.order);
  for (const event of events) event.apply(ledger);

  const c2p = situation.c2p === null ? null : buildC2p(situation.c2p, slices, today);
  const cec = situation.cec === null ? null : buildCec(situation.cec, today);
  if (ledger.mouvements.length === 0 && c2p === null && cec === null) return null;
  return {
    id,
    peu_qualifie: situation.peu_qualifie,
    compte: {
      solde_euros: euros(ledger.balance),
      plafond_euros: rates.cap,
      alimentation_annuelle_euros: rates.annualCredit,
      date_derniere_alimentation: ledger.lastCredit,
    },
    mouvements: ledger.mouvements.reverse(),
    c2p,
    cec,
    inscriptions: ledger.inscriptions.reverse(),
  };
}

function credit(ledger: Ledger, number: string, date: string, amount: number, libelle: string): void {
  const credited = euros(min(amount, ledger.cap - ledger.balance));
  if (credited <= 0) return;
  ledger.balance = euros(ledger.balance + credited);
  ledger.lastCredit = date;
  ledger.mouvements.push(mouvement(ledger, number, date, 'ALIMENTATION', credited, libelle));
}

function cancellationDate(enrolment: PastEnrolment): string | null {
  return enrolment.annulee_apres_jours === null ? null : addDays(enrolment.date_inscription, enrolment.annulee_apres_jours);
}

/** Debits the enrolment when the balance covers it; says whether it did. */
function enrol(ledger: Ledger, number: string, enrolment: PastEnrolment, today: string): boolean {
  if (enrolment.montant_euros > ledger.balance) return false;
  ledger.balance = euros(ledger.balance - enrolment.montant_euros);
  ledger.mouvements.push(
    mouvement(ledger, number, enrolment.date_inscription, 'INSCRIPTION', -enrolment.montant_euros, `Inscription : ${enrolment.intitule_formation}`),
  );
  const cancelledOn = cancellationDate(enrolment);
  ledger.inscriptions.push({
    id: `INS-${number}-${ledger.inscriptions.length + 1}`,
    numero_formation: enrolment.numero_formation,
    intitule_formation: enrolment.intitule_formation,
    session_id: enrolment.session_id,
    date_inscription: enrolment.date_inscription,
    date_debut_session: enrolment.date_debut_session,
    montant_euros: enrolment.montant_euros,
    statut: cancelledOn !== null && cancelledOn <= today ? 'ANNULEE' : 'VALIDEE',
  });
  return true;
}

/** A cancelled enrolment gives its amount back (the cap limits yearly credits, not refunds). */
function refund(ledger: Ledger, number: string, date: string, enrolment: PastEnrolment): void {
  ledger.balance = euros(ledger.balance + enrolment.montant_euros);
  ledger.mouvements.push(
    mouvement(ledger, number, date, 'ANNULATION', enrolment.montant_euros, `Annulation : ${enrolment.intitule_formation}`),
  );
}

function mouvement(ledger: Ledger, number: string, date: string, type: MouvementType, montant: number, libelle: string): Mouvement {
  return { id: `MVT-${number}-${ledger.mouvements.length + 1}`, date, type, montant_euros: montant, libelle };
}

/** Points for each year of exposure while employed under a private scheme, declared the next year. */
function buildC2p(
  c2p: NonNullable<CpfSituation['c2p']>,
  slices: readonly YearSlice[],
  today: string,
): C2p | null {
  const employed = employmentDaysByYear(slices, PRIVATE_SALARIED);
  const lastDeclaredYear = yearOf(today) - 1;
  const expositions: C2p['expositions'] = [];
  let acquired = 0;
  const from = max(c2p.depuis, C2P_FIRST_YEAR);
  const to = min(c2p.jusqu_a ?? lastDeclaredYear, lastDeclaredYear);
  for (let year = from; year <= to; year++) {
    if (!employed.has(year)) continue;
    // Two factors earn twice the points of one; more factors earn no more than two.
    for (const facteur of c2p.facteurs.slice(0, 2)) {
      const points = min(C2P_POINTS_PER_FACTOR_YEAR, C2P_MAX_POINTS - acquired);
      if (points <= 0) break;
      acquired += points;
      expositions.push({ annee: year, facteur, points });
    }
  }
  if (acquired === 0) return null;
  const consumed = min(c2p.points_consommes, acquired);
  return { points_acquis: acquired, points_consommes: consumed, points_disponibles: acquired - consumed, expositions };
}

/** 240 € per year of engagement, credited the next year, within the 720 € cap. */
function buildCec(cec: NonNullable<CpfSituation['cec']>, today: string): Cec | null {
  const engagements: Cec['engagements'] = [];
  let total = 0;
  for (const engagement of cec.engagements) {
    if (engagement.annee >= yearOf(today)) continue;
    const amount = min(CEC_CREDIT_PER_ENGAGEMENT, CEC_CAP - total);
    if (amount <= 0) break;
    total += amount;
    engagements.push({ annee: engagement.annee, organisme: engagement.organisme, montant_euros: amount });
  }
  if (engagements.length === 0) return null;
  return { solde_euros: total, plafond_euros: CEC_CAP, engagements };
}
