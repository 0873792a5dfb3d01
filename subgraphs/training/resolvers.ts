import { c2pReserveFor } from '../../rules/parameters.ts';
import type { PersonReference } from '../shared/authorize.ts';
import { centsOf } from '../shared/scalars.ts';
import type { CpfDossier } from './client.ts';

const MOVEMENT_KIND = {
  ALIMENTATION: 'CREDIT',
  ABONDEMENT: 'TOP_UP',
  INSCRIPTION: 'ENROLMENT',
  ANNULATION: 'CANCELLATION',
} as const;

const C2P_FACTOR = {
  TRAVAIL_DE_NUIT: 'NIGHT_WORK',
  TRAVAIL_EN_EQUIPES_ALTERNANTES: 'SHIFT_WORK',
  TRAVAIL_REPETITIF: 'REPETITIVE_WORK',
  MILIEU_HYPERBARE: 'HYPERBARIC',
  TEMPERATURES_EXTREMES: 'EXTREME_TEMPERATURES',
  BRUIT: 'NOISE',
} as const;

/** Maps the Caisse des Dépôts file to `TrainingRights`. */
export function toTrainingRights(dossier: CpfDossier, person: PersonReference, today: string) {
  const { compte, c2p, cec } = dossier;
  return {
    cpf: {
      balance: centsOf(compte.solde_euros),
      creditRule: {
        yearlyCredit: centsOf(compte.alimentation_annuelle_euros),
        cap: centsOf(compte.plafond_euros),
        lowQualified: dossier.peu_qualifie,
      },
      lastCreditedOn: compte.date_derniere_alimentation,
      history: dossier.mouvements.map((m) => ({
        id: m.id,
        date: m.date,
        kind: MOVEMENT_KIND[m.type],
        amount: centsOf(m.montant_euros),
        label: m.libelle,
      })),
    },
    c2p: c2p && toC2p(c2p, Number(person.pivot.birthdate.slice(0, 4)), today),
    cec: cec && {
      balance: centsOf(cec.solde_euros),
      cap: centsOf(cec.plafond_euros),
      engagements: cec.engagements.map((e) => ({ year: e.annee, organisation: e.organisme, amount: centsOf(e.montant_euros) })),
    },
    enrolments: dossier.inscriptions.map((i) => ({
      id: i.id,
      trainingId: i.numero_formation,
      title: i.intitule_formation,
      sessionId: i.session_id,
      enrolledOn: i.date_inscription,
      sessionStartsOn: i.date_debut_session,
      amount: centsOf(i.montant_euros),
      status: i.statut === 'VALIDEE' ? 'CONFIRMED' : 'CANCELLED',
    })),
  };
}

/**
 * The reserve applies to the first points earned; points already consumed are counted
 * against it first, since the reserve can only have gone to training.
 */
function toC2p(c2p: NonNullable<CpfDossier['c2p']>, birthYear: number, today: string) {
  const reserve = c2pReserveFor(birthYear, today);
  const reservedForTraining = Math.min(c2p.points_disponibles, Math.max(0, reserve - c2p.points_consommes));
  return {
    earnedPoints: c2p.points_acquis,
    usedPoints: c2p.points_consommes,
    availablePoints: c2p.points_disponibles,
    reservedForTraining,
    freelyUsable: c2p.points_disponibles - reservedForTraining,
    exposures: c2p.expositions.map((e) => ({ year: e.annee, factor: C2P_FACTOR[e.facteur], points: e.points })),
  };
}
