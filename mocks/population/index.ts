export { generatePopulation, DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE, type GenerateOptions } from './generate.ts';
export { agencySlice, personaPivot, generatedPivots, pivotsKnownTo } from './slices.ts';
export { identiteFromPivot, type Identite } from '../../contract/identite.ts';
export { identiteKey, identiteSearchParams, normaliseName, pivotKey } from './identite.ts';
export { estimatePension, estimationAgeRefusal, type Estimation, type Periode, type RgcuDossier } from './dossiers/rgcu.ts';
export type { CpfDossier, Inscription, Mouvement } from './dossiers/cpf.ts';
export type { CafDossier } from './dossiers/caf.ts';
export type { FranceTravailDossier, Actualisation } from './dossiers/france-travail.ts';
export type { Formation, Session } from './catalogue.ts';
export { CURATED_TRAININGS } from './catalogue.ts';
export {
  AGENCY_NAMES,
  type AgencyName,
  type AgencyDossiers,
  type AgencyRecord,
  type AgencySlice,
  type CpfSlice,
  type DossierOf,
  type Message,
  type Person,
  type Population,
} from './types.ts';
export { personaIdentities, DEMO_PASSWORD, type PersonaIdentity } from './personas.ts';
export type { Pivot } from '../../contract/pivot.ts';
