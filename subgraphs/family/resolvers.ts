import { centsOf } from '../../contract/scalars.ts';
import type { CafDossier } from './client.ts';

/** Maps the CAF file to `FamilyBenefits`. The address stays at the CAF: the schema does not expose it. */
export function toFamilyBenefits(dossier: CafDossier) {
  const qf = dossier.quotient_familial;
  return {
    familyQuotient: { value: qf.valeur, year: qf.annee, month: qf.mois, provider: qf.fournisseur },
    adults: dossier.allocataires.length,
    children: dossier.enfants.map((c) => ({ givenNames: c.prenoms, birthDate: c.date_naissance })),
    benefits: dossier.prestations.map((b) => ({
      code: b.code,
      label: b.libelle,
      monthlyAmount: centsOf(b.montant_mensuel_euros),
      startDate: b.date_debut_droit,
      endDate: b.date_fin_droit,
    })),
    payments: dossier.paiements.map((p) => ({
      id: p.id,
      date: p.date_versement,
      benefit: p.prestation,
      amount: centsOf(p.montant_euros),
    })),
  };
}
