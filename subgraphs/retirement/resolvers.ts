import { centsOf } from '../shared/scalars.ts';
import type { RgcuDossier, RgcuEstimation } from './client.ts';

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
export function toRetirementRecord(dossier: RgcuDossier) {
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
    estimatedPension: dossier.estimation && toPensionEstimate(dossier.estimation),
  };
}

export function toPensionEstimate(estimation: RgcuEstimation) {
  return {
    retirementAge: { years: estimation.age_depart_annees, months: estimation.age_depart_mois },
    startDate: estimation.date_depart,
    monthlyGrossAmount: centsOf(estimation.montant_mensuel_brut_euros),
    fullRate: estimation.taux_plein,
  };
}
