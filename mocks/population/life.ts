import { digitsOf, floor, max, min, pow, round } from './arithmetic.ts';
import type { Formation } from './catalogue.ts';
import { PRIVATE_SALARIED, type BasicRegime, type CareerSegment } from './career.ts';
import { addDays, addMonths, addYears, ageOn, compareIso, firstOfNextMonth, isoDate, toDay, yearOf } from './dates.ts';
import type { Droit, PersonneCaf } from './dossiers/caf.ts';
import type { CpfSituation, PastEnrolment } from './dossiers/cpf.ts';
import type { FranceTravailSituation } from './dossiers/france-travail.ts';
import { euros } from './money.ts';
import type { MessageDraft, Situation } from './personas-situations.ts';
import { FRANCE, type Pivot } from '../../contract/pivot.ts';
import type { Random, Weighted } from './random.ts';
import type { JobSeekerCategory } from './referential/labels.ts';
import { NAME_POOLS, type NamePool } from './referential/names.ts';
import { COMMUNES, COUNTRIES, STREETS, type Commune, type NameGroup } from './referential/places.ts';
import {
  AAH_FULL,
  allocationsFamiliales,
  ARE_MIN_DAILY,
  ARE_SHARE_OF_DAILY_WAGE,
  areMaxDays,
  ASF_PER_CHILD,
  ASS_DAILY,
  C2P_FACTORS,
  CHILD_UNTIL_AGE,
  legalRetirementAge,
  RSA_BASE,
  RSA_EARNINGS_DEDUCTED,
  RSA_HOUSEHOLD_SHARES,
  RSA_MAJORE_SHARES,
  RSA_MAJORE_UNTIL_AGE,
} from './referential/rules.ts';

/** A generated person: who they are, and their situation at the agencies. */
export interface GeneratedLife {
  pivot: Pivot;
  situation: Situation;
}

/** Age bands of the population (INSEE pyramid, roughly), in years. */
const AGE_BANDS: readonly Weighted<[number, number]>[] = [
  [[0, 17], 21],
  [[18, 24], 9],
  [[25, 54], 38],
  [[55, 66], 15],
  [[67, 84], 17],
];
const BORN_ABROAD = 0.09;
const NAMES_OF_FRENCH_BORN: readonly Weighted<NameGroup>[] = [
  ['france', 86],
  ['maghreb', 9],
  ['afrique-ouest', 3],
  ['lusophone', 2],
];
const FIRST_NAME_COUNT: readonly Weighted<number>[] = [
  [1, 45],
  [2, 40],
  [3, 15],
];
const REGIMES: readonly Weighted<BasicRegime>[] = [
  ['REGIME_GENERAL', 72],
  ['FONCTION_PUBLIQUE', 17],
  ['MSA_SALARIES', 4],
  ['SSI', 7],
];
type Qualification = 'sans-diplome' | 'secondaire' | 'superieur';
const STARTING_SALARY: Readonly<Record<Qualification, [number, number]>> = {
  'sans-diplome': [16_500, 20_000],
  secondaire: [19_000, 27_000],
  superieur: [26_000, 42_000],
};
const CAREER_START_AGE: Readonly<Record<Qualification, [number, number]>> = {
  'sans-diplome': [16, 19],
  secondaire: [18, 21],
  superieur: [21, 25],
};
type Status = 'employed' | 'job-seeker' | 'inactive';
const STATUSES: readonly Weighted<Status>[] = [
  ['employed', 80],
  ['job-seeker', 9],
  ['inactive', 11],
];
const CATEGORIES: readonly Weighted<JobSeekerCategory>[] = [
  ['A', 72],
  ['B', 12],
  ['C', 10],
  ['D', 6],
];
const CHILDREN: readonly Weighted<number>[] = [
  [0, 32],
  [1, 20],
  [2, 30],
  [3, 13],
  [4, 5],
];
const CEC_BODIES: readonly string[] = [
  'Service civique — Unis-Cité',
  'Sapeurs-pompiers volontaires',
  'Réserve opérationnelle — Armée de terre',
  'Bénévolat associatif — Restos du Cœur',
  'Réserve civique',
  'Maître d’apprentissage',
];
const EMPLOYERS: Readonly<Record<BasicRegime, readonly string[]>> = {
  REGIME_GENERAL: [
    'Carrefour Hypermarchés', 'Groupe La Poste', 'Orange', 'Renault', 'Airbus Operations', 'Sodexo', 'Onet Propreté',
    'Transports Keolis', 'Veolia Eau', 'Crédit Agricole', 'Decathlon', 'Leroy Merlin', 'Clinique Saint-Joseph',
    'Bureau d’études Ingérop', 'Boulangerie Paul', 'Garage Durand Automobiles', 'Manpower', 'Adecco', 'Capgemini',
    'Bouygues Construction', 'Eiffage Route', 'Fnac Darty', 'McDonald’s France', 'Accor Hôtels', 'Lidl',
  ],
  FONCTION_PUBLIQUE: [
    'Ministère de l’Éducation nationale', 'Centre hospitalier universitaire', 'Ville', 'Conseil départemental',
    'Ministère de l’Intérieur', 'Direction générale des finances publiques', 'Conseil régional', 'Métropole',
  ],
  MSA_SALARIES: ['Coopérative agricole', 'Exploitation viticole', 'Maraîchage', 'Scierie', 'Crédit Agricole Mutuel'],
  SSI: [],
};
const MESSAGE_TEMPLATES: Readonly<Record<'cpf' | 'rgcu' | 'caf' | 'france-travail', readonly [string, string][]>> = {
  cpf: [
    ['Vos droits à la formation ont été crédités', 'Votre alimentation annuelle a été ajoutée à votre compte personnel de formation.'],
    ['Sécurisez votre compte', 'Activez la double authentification pour protéger votre compte personnel de formation.'],
  ],
  rgcu: [
    ['Votre relevé de carrière est à jour', 'Les éléments de votre carrière déclarés l’an dernier ont été reportés.'],
    ['Vérifiez votre carrière', 'Signalez-nous toute période manquante sur votre relevé de carrière.'],
  ],
  caf: [
    ['Votre paiement du mois', 'Le détail de votre paiement est disponible dans votre espace.'],
    ['Déclaration de ressources', 'Pensez à déclarer vos ressources pour le calcul de vos droits.'],
  ],
  'france-travail': [
    ['Votre actualisation mensuelle', 'Déclarez votre situation avant le 15 du mois.'],
    ['Un nouvel atelier près de chez vous', 'Un atelier « Valoriser son CV » est proposé la semaine prochaine.'],
  ],
};

/**
 * One random person whose situations agree across the agencies: age drives the career and
 * retirement, the career drives the CPF and the C2P, job loss drives France Travail, the
 * household and its income drive the CAF.
 */
export function generateLife(random: Random, today: string, catalogue: readonly Formation[]): GeneratedLife {
  const female = random.chance(0.51);
  const [minAge, maxAge] = random.weighted(AGE_BANDS);
  const age = random.int(minAge, maxAge);
  const birthdate = addDays(addYears(today, -(age + 1)), random.int(1, 364));
  const country = random.chance(BORN_ABROAD) ? random.weighted(COUNTRIES) : null;
  const pool = NAME_POOLS[country?.names ?? random.weighted(NAMES_OF_FRENCH_BORN)];
  const birthCommune = country === null ? random.weighted(COMMUNES) : null;
  const pivot: Pivot = {
    given_name: firstNames(random, pool, female, random.weighted(FIRST_NAME_COUNT)).join(' '),
    family_name: random.pick(pool.family),
    birthdate,
    gender: female ? 'female' : 'male',
    birthplace: birthCommune?.code ?? '',
    birthcountry: country?.code ?? FRANCE,
  };
  const situation: Situation = { career: [], retired: false, cpf: null, caf: null, franceTravail: null, messages: {} };
  const ageNow = ageOn(birthdate, today);
  if (ageNow.years < 16) return { pivot, situation };

  const qualification = qualificationOf(random, yearOf(birthdate));
  const [minStart, maxStart] = CAREER_START_AGE[qualification];
  const careerStart = addMonths(birthdate, random.int(minStart, maxStart) * 12 + random.int(0, 11));
  const legal = legalRetirementAge(birthdate);
  const legalMonths = legal.annees * 12 + legal.mois;
  const retireMonths = min(67 * 12, legalMonths + random.weighted<number>([[0, 50], [6, 10], [12, 15], [24, 10], [36, 15]]));
  situation.retired = ageNow.years * 12 + ageNow.months >= retireMonths;
  const residence = birthCommune !== null && random.chance(0.7) ? birthCommune : random.weighted(COMMUNES);

  let unemployment: FranceTravailSituation | null = null;
  let lastSalary = 0;
  if (careerStart < today) {
    const status: Status = situation.retired ? 'inactive' : random.weighted(STATUSES);
    const stop = situation.retired
      ? addDays(firstOfNextMonth(addMonths(birthdate, retireMonths)), -1)
      : status === 'employed'
        ? null
        : status === 'job-seeker'
          ? addDays(today, -random.int(25, 700))
          : addDays(today, -random.int(200, 3_650));
    const built = buildCareer(random, careerStart, stop, qualification, female, today);
    situation.career = built.career;
    lastSalary = built.lastSalary;
    unemployment = built.pastUnemployment;
    if (status === 'job-seeker' && built.lastJobEnd !== null) {
      unemployment = jobSeeking(random, built, birthdate, today);
    }
  }
  situation.franceTravail = unemployment;

  if (!situation.retired) situation.cpf = cpfSituation(random, qualification, situation.career, birthdate, today, catalogue);
  situation.caf = cafSituation(random, pivot, female, ageNow.years, lastSalary, situation, residence, today);
  situation.messages = messages(random, situation, today);
  return { pivot, situation };
}

function firstNames(random: Random, pool: NamePool, female: boolean, count: number): string[] {
  const names: string[] = [];
  const source = female ? pool.female : pool.male;
  while (names.length < min(count, source.length)) {
    const name = random.pick(source);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function qualificationOf(random: Random, birthYear: number): Qualification {
  const withoutDiploma = birthYear < 1960 ? 0.3 : birthYear < 1980 ? 0.18 : 0.11;
  if (random.chance(withoutDiploma)) return 'sans-diplome';
  return random.chance(0.55) ? 'secondaire' : 'superieur';
}

interface BuiltCareer {
  career: CareerSegment[];
  lastSalary: number;
  lastJobStart: string | null;
  lastJobEnd: string | null;
  /** A paid unemployment spell that ended in the last three years: France Travail still has the file. */
  pastUnemployment: FranceTravailSituation | null;
}

/** Jobs of 1 to 9 years from `start` until `stop` (null: still employed), with spells of paid unemployment between some. */
function buildCareer(
  random: Random,
  start: string,
  stop: string | null,
  qualification: Qualification,
  female: boolean,
  today: string,
): BuiltCareer {
  const [minSalary, maxSalary] = STARTING_SALARY[qualification];
  let salary = random.int(minSalary, maxSalary);
  let regime = random.weighted(REGIMES);
  const end = stop ?? today;
  const built: BuiltCareer = { career: [], lastSalary: 0, lastJobStart: null, lastJobEnd: null, pastUnemployment: null };
  let cursor = start;
  while (cursor < end) {
    let jobEnd = addDays(cursor, random.int(365, 9 * 365));
    const last = jobEnd >= end;
    if (last) jobEnd = end;
    const partTime = random.chance(female ? 0.25 : 0.08) ? random.between(0.5, 0.8) : 1;
    const yearly = round((salary * partTime) / 100) * 100;
    // Salaries are in today's euros: raises are real ones, about 1 % a year.
    const progression = euros(random.between(0.003, 0.015));
    built.career.push({
      regime,
      nature: 'EMPLOI',
      employeur: employer(random, regime),
      debut: cursor,
      fin: last && stop === null ? null : jobEnd,
      salaireAnnuel: yearly,
      progression,
    });
    const years = (toDay(jobEnd) - toDay(cursor)) / 365.25;
    built.lastSalary = round(yearly * pow(1 + progression, floor(years)));
    built.lastJobStart = cursor;
    built.lastJobEnd = last && stop === null ? null : jobEnd;
    if (last) break;
    salary = round(salary * pow(1 + progression, years) * random.between(0.95, 1.08));
    cursor = addDays(jobEnd, random.int(1, 60));
    if (random.chance(0.3)) {
      const opens = addDays(jobEnd, 8);
      const closes = addDays(opens, random.int(60, 420));
      if (closes < end) {
        built.career.push(paidUnemployment(opens, closes));
        built.pastUnemployment = closes >= addYears(today, -3) ? formerJobSeeker(built.lastSalary, jobEnd, opens, closes) : null;
        cursor = addDays(closes, 1);
      }
    }
    if (random.chance(0.15)) regime = random.weighted(REGIMES);
  }
  return built;
}

/** Paid unemployment validates quarters at the CNAV, under the régime général. */
function paidUnemployment(debut: string, fin: string | null): CareerSegment {
  return { regime: 'REGIME_GENERAL', nature: 'CHOMAGE', employeur: null, debut, fin, salaireAnnuel: 0, progression: 0 };
}

function employer(random: Random, regime: BasicRegime): string | null {
  // The self-employed have no employer.
  if (regime === 'SSI') return null;
  return random.pick(EMPLOYERS[regime]);
}

function areDaily(annualSalary: number): number {
  return euros(max(ARE_MIN_DAILY, (annualSalary / 365) * ARE_SHARE_OF_DAILY_WAGE));
}

function formerJobSeeker(lastSalary: number, jobEnd: string, opens: string, closes: string): FranceTravailSituation {
  return {
    inscription: { date_debut: addDays(jobEnd, 1), date_fin: closes, categorie: 'A' },
    indemnisation: {
      allocation: 'ARE',
      montant_journalier_brut_euros: areDaily(lastSalary),
      date_ouverture_droits: opens,
      duree_jours: toDay(closes) - toDay(opens) + 1,
    },
    actualisation_effectuee: true,
  };
}

/** Registered since losing the last job; paid ARE for up to 18 months (more after 55), then maybe ASS. */
function jobSeeking(random: Random, built: BuiltCareer, birthdate: string, today: string): FranceTravailSituation {
  const jobEnd = built.lastJobEnd as string;
  const registered = addDays(jobEnd, random.int(1, 10));
  const opens = addDays(registered, 7);
  const worked = toDay(jobEnd) - toDay(built.lastJobStart as string) + 1;
  const duration = min(areMaxDays(ageOn(birthdate, jobEnd).years), max(182, round(min(worked, 730) * 0.75)));
  let indemnisation: FranceTravailSituation['indemnisation'] = null;
  if (worked >= 130 && opens <= today) {
    const exhausted = addDays(opens, duration);
    const areGoesOn = exhausted > today;
    // Some whose ARE has run out get the ASS (solidarity allowance) straight after.
    const ass = !areGoesOn && random.chance(0.4);
    if (areGoesOn) {
      indemnisation = {
        allocation: 'ARE',
        montant_journalier_brut_euros: areDaily(built.lastSalary),
        date_ouverture_droits: opens,
        duree_jours: duration,
      };
    } else if (ass) {
      indemnisation = {
        allocation: 'ASS',
        montant_journalier_brut_euros: ASS_DAILY,
        date_ouverture_droits: exhausted,
        duree_jours: 365,
      };
    }
    built.career.push(paidUnemployment(opens, areGoesOn || ass ? null : addDays(exhausted, -1)));
  }
  const day = digitsOf(today.slice(8, 10));
  return {
    inscription: { date_debut: registered, date_fin: null, categorie: random.weighted(CATEGORIES) },
    indemnisation,
    // Late in the month most have already declared; early in the window fewer have.
    actualisation_effectuee: random.chance(day >= 16 && day < 28 ? 0.9 : 0.5),
  };
}

function cpfSituation(
  random: Random,
  qualification: Qualification,
  career: readonly CareerSegment[],
  birthdate: string,
  today: string,
  catalogue: readonly Formation[],
): CpfSituation {
  const lastYear = yearOf(today) - 1;
  const firstYear = career.length === 0 ? lastYear + 1 : max(2016, yearOf(career[0]!.debut) + 1);
  const inscriptions: PastEnrolment[] = [];
  if (firstYear <= lastYear && random.chance(0.25)) {
    const year = random.int(firstYear, lastYear);
    // Never in March or April, so a cancellation is refunded before the April credit.
    const month = random.pick([1, 2, 5, 6, 7, 8, 9, 10, 11, 12]);
    const date = isoDate(year, month, random.int(1, 28));
    const training = catalogue[random.int(0, catalogue.length - 1)] as Formation;
    const sessionStart = addDays(date, random.int(20, 60));
    inscriptions.push({
      numero_formation: training.numero_formation,
      intitule_formation: training.intitule_formation,
      session_id: `${training.numero_formation}-${sessionStart.slice(0, 7).replace('-', '')}`,
      date_inscription: date,
      date_debut_session: sessionStart,
      montant_euros: training.frais_ttc_tot_mean,
      annulee_apres_jours: random.chance(0.08) ? random.int(3, 20) : null,
    });
  }
  const privateSalaried = career.some((segment) => segment.nature === 'EMPLOI' && PRIVATE_SALARIED.has(segment.regime));
  const c2p =
    privateSalaried && random.chance(0.07)
      ? {
          facteurs: random.chance(0.75) ? [random.pick(C2P_FACTORS)] : ['TRAVAIL_DE_NUIT' as const, 'BRUIT' as const],
          depuis: random.int(2015, lastYear),
          jusqu_a: random.chance(0.7) ? null : lastYear - random.int(0, 3),
          points_consommes: random.chance(0.1) ? 10 : 0,
        }
      : null;
  const youngestEngagementYear = max(2017, yearOf(birthdate) + 16);
  const cec =
    ageOn(birthdate, today).years <= 45 && youngestEngagementYear <= lastYear && random.chance(0.04)
      ? {
          engagements: Array.from({ length: random.int(1, 3) }, (_, i) => ({
            annee: min(lastYear, youngestEngagementYear + i + random.int(0, 2)),
            organisme: random.pick(CEC_BODIES),
          })).filter((e, i, all) => all.findIndex((o) => o.annee === e.annee) === i),
        }
      : null;
  return { peu_qualifie: qualification === 'sans-diplome', inscriptions, c2p, cec };
}

/**
 * The household at the CAF: a partner, children, the benefits their situation opens (family
 * allowances from two children under 20, RSA or RSA majoré without income, prime d'activité on
 * low earnings…). Many who could claim do not, as in reality.
 */
function cafSituation(
  random: Random,
  pivot: Pivot,
  female: boolean,
  age: number,
  lastSalary: number,
  situation: Situation,
  residence: Commune,
  today: string,
): Situation['caf'] {
  if (age < 18 || situation.retired) return null;
  const couple = random.chance(age < 25 ? 0.3 : 0.68);
  const partnerIsMale = female;
  const partner: PersonneCaf | null = couple
    ? {
        nom_naissance: random.pick(NAME_POOLS.france.family),
        // A wife may use her husband's name.
        nom_usage: !partnerIsMale && random.chance(0.5) ? pivot.family_name : null,
        prenoms: random.pick(partnerIsMale ? NAME_POOLS.france.male : NAME_POOLS.france.female),
        date_naissance: addDays(pivot.birthdate, random.int(-1_800, 1_800)),
        sexe: partnerIsMale ? 'M' : 'F',
      }
    : null;
  // Children carry the father's name when there is one.
  const childName = partner !== null && partnerIsMale ? partner.nom_naissance : pivot.family_name;
  const children: PersonneCaf[] = [];
  const count = age >= 22 ? random.weighted(CHILDREN) : 0;
  for (let i = 0; i < count; i++) {
    const born = addDays(pivot.birthdate, random.int(20 * 365, 42 * 365));
    if (born >= today) continue;
    const girl = random.chance(0.49);
    children.push({
      nom_naissance: childName,
      nom_usage: null,
      prenoms: random.pick(girl ? NAME_POOLS.france.female : NAME_POOLS.france.male),
      date_naissance: born,
      sexe: girl ? 'F' : 'M',
    });
  }
  children.sort((a, b) => compareIso(a.date_naissance, b.date_naissance));
  const dependants = children.filter((child) => ageOn(child.date_naissance, today).years < CHILD_UNTIL_AGE);

  const employed = situation.career.some((segment) => segment.nature === 'EMPLOI' && segment.fin === null);
  const allowance = situation.franceTravail?.indemnisation ?? null;
  const registeredNow = situation.franceTravail?.inscription?.date_fin === null;
  const monthlyIncome = employed ? lastSalary / 12 : registeredNow && allowance !== null ? allowance.montant_journalier_brut_euros * 30 : 0;
  const lowIncome = monthlyIncome < 1_200;
  const singleParent = !couple && dependants.length > 0;
  const droits: Droit[] = [];
  const recent = (from: string): string => {
    const start = addMonths(today, -random.int(2, 60));
    return firstOfNextMonth(start > from ? start : from);
  };

  if (dependants.length >= 2) {
    droits.push({
      code: 'AF',
      montant_mensuel_euros: allocationsFamiliales(dependants.length),
      date_debut_droit: firstOfNextMonth((dependants[1] as PersonneCaf).date_naissance),
      date_fin_droit: null,
    });
  }
  const youngest = dependants[dependants.length - 1];
  if (singleParent && youngest !== undefined && lowIncome && ageOn(youngest.date_naissance, today).years < RSA_MAJORE_UNTIL_AGE) {
    // Paid until the end of the month the youngest turns 3.
    const ends = firstOfNextMonth(addYears(youngest.date_naissance, RSA_MAJORE_UNTIL_AGE));
    droits.push({
      code: 'RSA_MAJORE',
      montant_mensuel_euros: euros(
        max(50, RSA_BASE * (RSA_MAJORE_SHARES.parent + RSA_MAJORE_SHARES.child * dependants.length) - monthlyIncome * RSA_EARNINGS_DEDUCTED),
      ),
      date_debut_droit: firstOfNextMonth(youngest.date_naissance),
      date_fin_droit: addDays(ends, -1),
    });
  } else if (lowIncome && !employed && age >= 25 && random.chance(0.65)) {
    const household = 1 + (couple ? RSA_HOUSEHOLD_SHARES.partner : 0) + dependants.length * RSA_HOUSEHOLD_SHARES.child;
    droits.push({
      code: 'RSA',
      montant_mensuel_euros: euros(max(40, RSA_BASE * household - monthlyIncome)),
      date_debut_droit: recent(pivot.birthdate),
      date_fin_droit: null,
    });
  }
  if (singleParent && random.chance(0.45)) {
    droits.push({
      code: 'ASF',
      montant_mensuel_euros: euros(ASF_PER_CHILD * dependants.length),
      date_debut_droit: recent((youngest as PersonneCaf).date_naissance),
      date_fin_droit: null,
    });
  }
  if (employed && lastSalary < 24_000 && random.chance(0.6)) {
    droits.push({
      code: 'PPA',
      montant_mensuel_euros: euros(random.between(60, 280)),
      date_debut_droit: recent(pivot.birthdate),
      date_fin_droit: null,
    });
  }
  if (age >= 20 && age < 62 && random.chance(0.02)) {
    droits.push({ code: 'AAH', montant_mensuel_euros: AAH_FULL, date_debut_droit: recent(pivot.birthdate), date_fin_droit: null });
  }
  if ((lowIncome || age < 25) && random.chance(0.35)) {
    droits.push({
      code: 'ALS',
      montant_mensuel_euros: euros(random.between(110, 330)),
      date_debut_droit: recent(pivot.birthdate),
      date_fin_droit: null,
    });
  }
  const known = droits.length > 0 || (dependants.length > 0 && random.chance(0.9));
  if (!known) return null;

  const monthlyBenefits = droits.reduce((sum, droit) => sum + droit.montant_mensuel_euros, 0);
  const parts = (couple ? 2 : 1) + min(dependants.length, 2) * 0.5 + max(0, dependants.length - 2);
  const self: PersonneCaf = {
    nom_naissance: pivot.family_name,
    nom_usage: null,
    prenoms: pivot.given_name,
    date_naissance: pivot.birthdate,
    sexe: female ? 'F' : 'M',
  };
  return {
    allocataires: partner === null ? [self] : [self, partner],
    enfants: dependants,
    adresse: {
      destinataire: `${female ? 'MADAME' : 'MONSIEUR'} ${stripAccents(pivot.given_name.split(' ')[0] as string)} ${stripAccents(pivot.family_name)}`.toUpperCase(),
      complement_information: null,
      complement_information_geographique: null,
      numero_libelle_voie: `${random.int(1, 120)} ${random.pick(STREETS)}`,
      lieu_dit: null,
      code_postal_ville: `${residence.codePostal} ${residence.nom.replace(/ \d{2}$/, '')}`,
      pays: 'FRANCE',
    },
    quotient_familial: round((monthlyIncome + monthlyBenefits) / parts),
    droits,
  };
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** One message from some of the agencies that know the person, sent in the last four months. */
function messages(random: Random, situation: Situation, today: string): Situation['messages'] {
  const drafts: Situation['messages'] = {};
  const known = {
    cpf: situation.cpf !== null,
    rgcu: situation.career.length > 0,
    caf: situation.caf !== null,
    'france-travail': situation.franceTravail !== null,
  };
  for (const agency of ['cpf', 'rgcu', 'caf', 'france-travail'] as const) {
    if (!known[agency] || !random.chance(0.25)) continue;
    const [objet, corps] = random.pick(MESSAGE_TEMPLATES[agency]);
    const sent = addDays(today, -random.int(1, 120));
    const draft: MessageDraft = {
      date_envoi: `${sent}T${String(random.int(7, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`,
      expediteur: 'AGENCE',
      objet,
      corps,
      lu: random.chance(0.5),
    };
    drafts[agency] = [draft];
  }
  return drafts;
}
