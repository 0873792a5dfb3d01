import type { AgencyContext, AgencyKit } from '../shared/agency-subgraph.ts';
import { centsOf } from '../../contract/scalars.ts';
import { allowanceLabel } from './allowances.ts';
import type { FranceTravailDossier } from './client.ts';
import type { PersonReference } from '../shared/authorize.ts';
import { checkMonthlyUpdate, monthlyUpdateLimits, submitMonthlyUpdate } from './monthly-update.ts';
import type { Resolvers } from './resolver-types.generated.ts';

/** Maps the France Travail file to `EmploymentRecord`. */
export function toEmploymentRecord(dossier: FranceTravailDossier, _person: PersonReference, today: string) {
  const { inscription, indemnisation, actualisation } = dossier;
  return {
    registration: inscription && {
      startDate: inscription.date_debut,
      endDate: inscription.date_fin,
      category: inscription.categorie.code,
      categoryLabel: inscription.categorie.libelle,
    },
    allowance: indemnisation && {
      kind: indemnisation.allocation,
      label: allowanceLabel(indemnisation.allocation),
      dailyGrossAmount: centsOf(indemnisation.montant_journalier_brut_euros),
      rightsOpenedOn: indemnisation.date_ouverture_droits,
      rightsEndOn: indemnisation.date_fin_droits,
      remainingDays: indemnisation.jours_restants,
    },
    payments: dossier.paiements.map((p) => ({
      date: p.date_versement,
      total: centsOf(p.montant_total),
      allowance: centsOf(p.montant_allocation),
      aid: centsOf(p.montant_aide),
      otherAid: centsOf(p.montant_autre_aide),
    })),
    monthlyUpdate: actualisation && {
      period: actualisation.periode,
      opensOn: actualisation.date_ouverture,
      dueOn: actualisation.date_limite,
      status: actualisation.statut === 'A_FAIRE' ? 'DUE' : 'DONE',
      limits: monthlyUpdateLimits(today),
      declaration: actualisation.declaration && {
        recordedOn: actualisation.declaration.date_enregistrement,
        worked: actualisation.declaration.a_travaille,
        hoursWorked: actualisation.declaration.heures_travaillees,
        grossPay: actualisation.declaration.salaire_brut_euros === null ? null : centsOf(actualisation.declaration.salaire_brut_euros),
        inTraining: actualisation.declaration.en_formation,
        onSickLeave: actualisation.declaration.en_arret_maladie,
        stillLookingForWork: actualisation.declaration.recherche_emploi,
      },
    },
  };
}

/** The employment subgraph's own mutation: the monthly update, made at France Travail. */
export function employmentResolvers(kit: AgencyKit<FranceTravailDossier>): Resolvers<AgencyContext<FranceTravailDossier>> {
  return {
    Mutation: {
      submitMonthlyUpdate: async (_root, args, context) => {
        kit.citizen(context);
        checkMonthlyUpdate(args.input, context.today);
        const { dossier } = await kit.citizenFile(context);
        return submitMonthlyUpdate(kit.client, dossier.identifiant, args.input);
      },
    },
  };
}
