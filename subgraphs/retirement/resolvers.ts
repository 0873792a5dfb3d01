import { badUserInput } from '../../contract/errors.ts';
import { explainPensionEstimate } from '../../rules/retirement.ts';
import type { AgencyContext, AgencyKit } from '../shared/agency-subgraph.ts';
import type { PersonReference } from '../shared/authorize.ts';
import { centsOf } from '../../contract/scalars.ts';
import { fetchEstimation, type RgcuDossier, type RgcuEstimation } from './client.ts';
import type { Resolvers } from './resolver-types.generated.ts';

const SCHEME = {
  REGIME_GENERAL: 'GENERAL',
  AGIRC_ARRCO: 'AGIRC_ARRCO',
  MSA_SALARIES: 'MSA_EMPLOYEES',
  SSI: 'SELF_EMPLOYED',
  FONCTION_PUBLIQUE: 'CIVIL_SERVICE',
} as const;

const PERIOD_KIND = {
  EMPLOI: 'EMPLOYMENT',
  CHOMAGE: 'UNEMPLOYMENT',
  MALADIE: 'SICKNESS',
  MATERNITE: 'MATERNITY',
  SERVICE_CIVIQUE: 'CIVIC_SERVICE',
} as const;

/** Maps the career register's file to `RetirementRecord`. */
export function toRetirementRecord(dossier: RgcuDossier, person: PersonReference, today: string) {
  return {
    careerPeriods: dossier.periodes.map((p) => ({
      scheme: SCHEME[p.regime],
      schemeLabel: p.libelle_regime,
      kind: PERIOD_KIND[p.nature],
      employer: p.employeur,
      startDate: p.date_debut,
      endDate: p.date_fin,
      validatedQuarters: p.trimestres_valides,
      annualEarnings: p.revenus_annuels_euros === null ? null : centsOf(p.revenus_annuels_euros),
    })),
    validatedQuarters: dossier.trimestres.valides,
    requiredQuarters: dossier.trimestres.requis,
    legalAge: { years: dossier.age_legal.annees, months: dossier.age_legal.mois },
    legalAgeDate: dossier.date_age_legal,
    estimatedPension: dossier.estimation && toPensionEstimate(dossier.estimation, dossier, person, today),
  };
}

/** The CNAV's estimate, with the rules that explain it. */
function toPensionEstimate(estimation: RgcuEstimation, dossier: RgcuDossier, person: PersonReference, today: string) {
  const estimate = {
    retirementAge: { years: estimation.age_depart_annees, months: estimation.age_depart_mois },
    startDate: estimation.date_depart,
    monthlyGrossAmount: centsOf(estimation.montant_mensuel_brut_euros),
    fullRate: estimation.taux_plein,
    quartersAtDeparture: estimation.trimestres_au_depart,
    reductionQuarters: estimation.trimestres_decote,
    increaseQuarters: estimation.trimestres_surcote,
  };
  const explanation = explainPensionEstimate({ birthdate: person.pivot.birthdate, validatedQuarters: dossier.trimestres.valides }, estimate, today);
  return { ...estimate, explanation };
}

/** The retirement subgraph's own fields: the estimate at a chosen age, asked of the CNAV. */
export function retirementResolvers(kit: AgencyKit<RgcuDossier>): Resolvers<AgencyContext<RgcuDossier>> {
  return {
    RetirementRecord: {
      pensionEstimate: async (record, args, context) => {
        // graphql-js fills in months' default (0); sent as null, it means none too.
        const { years } = args.age;
        const months = args.age.months ?? 0;
        if (years < 0) throw badUserInput('age.years', 'OUT_OF_RANGE', `age.years must be 0 or more (got ${years}).`);
        if (months < 0 || months > 11) throw badUserInput('age.months', 'OUT_OF_RANGE', `age.months must be 0 to 11 (got ${months}).`);
        const { dossier, person } = kit.fileOf(record);
        return toPensionEstimate(await fetchEstimation(kit.client, dossier.id, { years, months }), dossier, person, context.today);
      },
    },
  };
}
