// French wording of the API's codes. The API speaks English; the citizen reads French.

export type SectionName = 'training' | 'retirement' | 'family' | 'employment';

export interface SectionInfo {
  name: SectionName;
  /** Page title and tile title. */
  title: string;
  /** Path of its detail page under /app/. */
  path: string;
  /** The organisation holding the data, as a sentence subject: « la CAF ». */
  holder: string;
  /** Its short name for a badge or a caption. */
  agencyName: string;
}

export const SECTIONS: Record<SectionName, SectionInfo> = {
  training: { name: 'training', title: 'Formation', path: 'formation', holder: 'la Caisse des Dépôts', agencyName: 'Caisse des Dépôts' },
  retirement: { name: 'retirement', title: 'Retraite', path: 'retraite', holder: 'l’Assurance retraite', agencyName: 'Assurance retraite (CNAV)' },
  family: { name: 'family', title: 'Famille', path: 'famille', holder: 'la CAF', agencyName: 'Caisse d’allocations familiales (CAF)' },
  employment: { name: 'employment', title: 'Emploi', path: 'emploi', holder: 'France Travail', agencyName: 'France Travail' },
};

/** The simulators' screens, by right: reached from the right's page and from the alerts that suggest them. */
export const SIMULATORS = {
  c2p: `${SECTIONS.training.path}/points-de-prevention`,
  cpf: `${SECTIONS.training.path}/projection`,
  pension: `${SECTIONS.retirement.path}/estimation`,
} as const;

/** The `Agency` enum of the API: display name and sentence subject. */
export const AGENCIES: Record<string, { name: string; holder: string }> = {
  CPF: { name: 'Caisse des Dépôts', holder: 'la Caisse des Dépôts' },
  RGCU: { name: 'Assurance retraite', holder: 'l’Assurance retraite' },
  CAF: { name: 'CAF', holder: 'la CAF' },
  FRANCE_TRAVAIL: { name: 'France Travail', holder: 'France Travail' },
};

/** The agency codes of `extensions.agency`, as a sentence subject. */
export const AGENCY_HOLDERS: Record<string, string> = {
  cpf: 'la Caisse des Dépôts',
  rgcu: 'l’Assurance retraite',
  caf: 'la CAF',
  'france-travail': 'France Travail',
};

export const BENEFITS: Record<string, string> = {
  AF: 'Allocations familiales',
  RSA: 'Revenu de solidarité active (RSA)',
  RSA_MAJORE: 'RSA majoré (parent isolé)',
  PPA: 'Prime d’activité',
  AAH: 'Allocation aux adultes handicapés (AAH)',
  ASF: 'Allocation de soutien familial (ASF)',
  ALS: 'Allocation de logement sociale (ALS)',
};

export const C2P_FACTORS: Record<string, string> = {
  NIGHT_WORK: 'Travail de nuit',
  SHIFT_WORK: 'Travail en équipes successives alternantes',
  REPETITIVE_WORK: 'Travail répétitif',
  HYPERBARIC: 'Milieu hyperbare',
  EXTREME_TEMPERATURES: 'Températures extrêmes',
  NOISE: 'Bruit',
};

export const CPF_MOVEMENTS: Record<string, string> = {
  CREDIT: 'Alimentation annuelle',
  TOP_UP: 'Abondement',
  ENROLMENT: 'Inscription à une formation',
  CANCELLATION: 'Remboursement d’une annulation',
};

export const ENROLMENT_STATUSES: Record<string, string> = {
  CONFIRMED: 'Confirmée',
  CANCELLED: 'Annulée',
};

export const CAREER_PERIOD_KINDS: Record<string, string> = {
  EMPLOYMENT: 'Emploi',
  UNEMPLOYMENT: 'Chômage indemnisé',
  SICKNESS: 'Maladie',
  MATERNITY: 'Maternité',
  CIVIC_SERVICE: 'Service civique',
};

/** The French regions by INSEE code, for the catalogue's filter (the codes the API takes). */
export const REGIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '84', name: 'Auvergne-Rhône-Alpes' },
  { code: '27', name: 'Bourgogne-Franche-Comté' },
  { code: '53', name: 'Bretagne' },
  { code: '24', name: 'Centre-Val de Loire' },
  { code: '94', name: 'Corse' },
  { code: '44', name: 'Grand Est' },
  { code: '01', name: 'Guadeloupe' },
  { code: '03', name: 'Guyane' },
  { code: '32', name: 'Hauts-de-France' },
  { code: '11', name: 'Île-de-France' },
  { code: '04', name: 'La Réunion' },
  { code: '02', name: 'Martinique' },
  { code: '06', name: 'Mayotte' },
  { code: '28', name: 'Normandie' },
  { code: '75', name: 'Nouvelle-Aquitaine' },
  { code: '76', name: 'Occitanie' },
  { code: '52', name: 'Pays de la Loire' },
  { code: '93', name: 'Provence-Alpes-Côte d’Azur' },
];

/** The code this app gives a request that never got an answer (network down, gateway unreachable). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** The French sentence for an agency error: what failed, never a stack or a raw code. */
export function errorMessage(error: { extensions?: { code?: string; agency?: string } }, fallbackHolder: string): string {
  const holder = AGENCY_HOLDERS[error.extensions?.agency ?? ''] ?? fallbackHolder;
  const capitalised = holder.charAt(0).toUpperCase() + holder.slice(1);
  switch (error.extensions?.code) {
    case 'AGENCY_TIMEOUT':
      return `${capitalised} n’a pas répondu à temps.`;
    case 'AGENCY_BAD_RESPONSE':
      return `${capitalised} a envoyé une réponse illisible.`;
    case 'AGENCY_UNAVAILABLE':
      return `Le service de ${holder} est momentanément indisponible.`;
    case NETWORK_ERROR:
      return 'La demande n’a pas pu être envoyée : vérifiez votre connexion à internet, puis réessayez.';
    default:
      return `Ces informations sont momentanément indisponibles.`;
  }
}

export const THIRD_PARTY_KINDS: Record<string, string> = {
  SOCIAL_WORKER: 'Service social',
  UNION: 'Syndicat',
  MUTUAL_INSURER: 'Mutuelle',
  TRAINING_BODY: 'Organisme de formation',
  PLATFORM: 'La plateforme elle-même',
};

export const PURPOSES: Record<string, string> = {
  SOCIAL_SUPPORT: 'Accompagnement social (RSA, logement, famille)',
  EMPLOYMENT_SUPPORT: 'Aide à la recherche d’emploi',
  RIGHTS_ADVICE: 'Conseil sur vos droits au travail ou à la retraite',
  INSURANCE: 'Assurance ou prestations de mutuelle',
  TRAINING_ADVICE: 'Conseil ou inscription en formation',
};

/** The purpose of the platform's own consent (the notifications), never offered for a third party. */
export const PLATFORM_PURPOSES: Record<string, string> = {
  NOTIFICATIONS: 'Alertes par e-mail',
};

/** Consent scopes (`family:read`) and journal sections (`family`), by section. */
export const SHARED_SECTIONS: Record<string, { label: string; detail: string }> = {
  identity: { label: 'Identité', detail: 'nom, prénoms, date et lieu de naissance' },
  training: { label: 'Formation', detail: 'CPF, C2P, CEC et inscriptions' },
  retirement: { label: 'Retraite', detail: 'carrière, trimestres, estimation' },
  family: { label: 'Famille', detail: 'quotient familial, enfants, prestations de la CAF' },
  employment: { label: 'Emploi', detail: 'inscription, indemnisation, paiements de France Travail' },
  account: { label: 'Alertes', detail: 'ce que vos droits demandent de faire, calculé à partir des rubriques ci-dessus' },
  alerts: { label: 'Alertes', detail: 'ce que vos droits demandent de faire, calculé à partir des rubriques ci-dessus' },
};

/** The kinds of alert one may be emailed about, as the notifications page offers them. */
export const NOTIFICATION_KINDS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'MONTHLY_UPDATE_DUE', label: 'Actualisation mensuelle à faire (France Travail)' },
  { value: 'BENEFIT_ENDING', label: 'Un droit ou une allocation qui prend fin bientôt' },
  { value: 'PRIME_ACTIVITE_NOT_CLAIMED', label: 'Prime d’activité peut-être non demandée' },
  { value: 'C2P_POINTS_UNUSED', label: 'Points de prévention (C2P) jamais utilisés' },
  { value: 'CPF_NEAR_CAP', label: 'Compte de formation (CPF) près de son plafond' },
];

/** `family:read` → `Famille`. */
export function sectionLabel(scopeOrSection: string): string {
  const section = scopeOrSection.replace(/:read$/, '');
  return SHARED_SECTIONS[section]?.label ?? scopeOrSection;
}

/** Scopes or sections as a list in words, in the order of the account (identity first). */
export function sectionList(scopesOrSections: readonly string[]): string {
  const order = Object.keys(SHARED_SECTIONS);
  const rank = (item: string) => {
    const index = order.indexOf(item.replace(/:read$/, ''));
    return index === -1 ? order.length : index;
  };
  return [...scopesOrSections].sort((a, b) => rank(a) - rank(b)).map(sectionLabel).join(', ');
}

export const CONSENT_STATUSES: Record<string, { label: string; badge: 'success' | 'info' | 'warning' }> = {
  ACTIVE: { label: 'Active', badge: 'success' },
  REVOKED: { label: 'Retirée', badge: 'info' },
  EXPIRED: { label: 'Expirée', badge: 'warning' },
};
