import { ceil, digitsOf, max, padded, round } from './arithmetic.ts';
import { addDays, addMonths, compareIso, firstOfNextMonth } from './dates.ts';
import { Random, streamSeed, type Weighted } from './random.ts';
import { REGIONS } from './referential/places.ts';

export interface Session {
  id: string;
  date_debut: string;
  date_fin: string;
  statut: 'OUVERTE' | 'FERMEE';
  places_restantes: number;
}

/** A training offer, with the fields of the open CPF catalogue (moncompteformation). */
export interface Formation {
  numero_formation: string;
  intitule_formation: string;
  nom_of: string;
  siret_of: string;
  code_rncp: string;
  code_region: string;
  nom_region: string;
  frais_ttc_tot_mean: number;
  nombre_heures_total_mean: number;
  sessions: Session[];
}

/** Trainings generated around the curated ones. */
export const GENERATED_TRAININGS = 300;
const CATALOGUE_STREAM = 0xca7a1090;

interface CuratedTraining {
  numero: string;
  intitule: string;
  of: string;
  siret: string;
  code: string;
  region: string;
  prix: number;
  heures: number;
}

/**
 * Trainings the demo personas have followed or can enrol in, with fixed numbers. Each has three
 * sessions relative to `today`, by date: `-S1` open from the 1st of next month, `-S2` open three months
 * later, and `-S3` starting in two months but full (FERMEE).
 */
export const CURATED_TRAININGS = {
  cacesR489: {
    numero: '32921478500027_CACES-R489',
    intitule: 'CACES R489 — chariots de manutention automoteurs à conducteur porté',
    of: 'AFTRAL Marseille',
    siret: '32921478500027',
    code: 'RS5629',
    region: '93',
    prix: 1300,
    heures: 35,
  },
  soinsPalliatifs: {
    numero: '19691774400019_DU-SOINS-PALLIATIFS',
    intitule: 'Diplôme universitaire — soins palliatifs et accompagnement',
    of: 'Université Claude Bernard Lyon 1',
    siret: '19691774400019',
    code: 'RS6023',
    region: '84',
    prix: 2150,
    heures: 120,
  },
  excelTosa: {
    numero: '30013948900041_TOSA-EXCEL',
    intitule: 'Tableur Excel — certification TOSA',
    of: 'Cegos Lille',
    siret: '30013948900041',
    code: 'RS5252',
    region: '32',
    prix: 690,
    heures: 21,
  },
  assistantVie: {
    numero: '19440053300015_TP-ADVF',
    intitule: 'Titre professionnel Assistant de vie aux familles',
    of: 'GRETA Loire-Atlantique',
    siret: '19440053300015',
    code: 'RNCP35506',
    region: '52',
    prix: 1850,
    heures: 420,
  },
  permisB: {
    numero: '81295327300018_PERMIS-B',
    intitule: 'Permis de conduire B — code et conduite',
    of: 'Auto-école Bordeaux Bastide',
    siret: '81295327300018',
    code: 'RS6001',
    region: '75',
    prix: 1450,
    heures: 30,
  },
  developpeurWeb: {
    numero: '51765473900024_TP-DWWM',
    intitule: 'Titre professionnel Développeur web et web mobile',
    of: 'Simplon Occitanie',
    siret: '51765473900024',
    code: 'RNCP37674',
    region: '76',
    prix: 7900,
    heures: 840,
  },
  anglaisToeic: {
    numero: '42386993100037_TOEIC',
    intitule: 'Anglais professionnel — préparation et passage du TOEIC',
    of: 'Berlitz Paris',
    siret: '42386993100037',
    code: 'RS5315',
    region: '11',
    prix: 1200,
    heures: 40,
  },
} as const satisfies Record<string, CuratedTraining>;

const SUBJECTS: readonly Weighted<{ intitule: string; code: string; prix: [number, number]; heures: [number, number] }>[] = [
  [{ intitule: 'Bureautique — Word, Excel et PowerPoint (TOSA)', code: 'RS', prix: [450, 1400], heures: [14, 42] }, 10],
  [{ intitule: 'Anglais professionnel — certification Linguaskill', code: 'RS', prix: [600, 2500], heures: [20, 60] }, 10],
  [{ intitule: 'Espagnol — certification CLOE', code: 'RS', prix: [500, 1800], heures: [20, 50] }, 4],
  [{ intitule: 'Habilitation électrique B1V-B2V-BR-BC', code: 'RS', prix: [350, 900], heures: [14, 28] }, 5],
  [{ intitule: 'CACES R486 — plates-formes élévatrices mobiles', code: 'RS', prix: [700, 1500], heures: [14, 35] }, 4],
  [{ intitule: 'Titre professionnel Secrétaire assistant', code: 'RNCP', prix: [2500, 6000], heures: [300, 700] }, 4],
  [{ intitule: 'Titre professionnel Comptable assistant', code: 'RNCP', prix: [3000, 6500], heures: [400, 800] }, 4],
  [{ intitule: 'Gestion de la paie et des déclarations sociales', code: 'RS', prix: [1200, 3500], heures: [35, 140] }, 3],
  [{ intitule: 'Titre professionnel Développeur web et web mobile', code: 'RNCP', prix: [5000, 9000], heures: [600, 900] }, 3],
  [{ intitule: 'Data analyst — analyse de données avec SQL et Python', code: 'RNCP', prix: [3500, 7500], heures: [200, 600] }, 3],
  [{ intitule: 'Gestion de projet agile — certification Scrum Master', code: 'RS', prix: [900, 2400], heures: [14, 40] }, 3],
  [{ intitule: 'Création et reprise d’entreprise', code: 'RS', prix: [400, 2000], heures: [21, 70] }, 4],
  [{ intitule: 'Bilan de compétences', code: 'BC', prix: [1200, 2400], heures: [20, 24] }, 6],
  [{ intitule: 'Accompagnement à la validation des acquis de l’expérience', code: 'VAE', prix: [900, 2500], heures: [15, 30] }, 3],
  [{ intitule: 'Permis de conduire C — poids lourds', code: 'RS', prix: [2500, 4200], heures: [105, 140] }, 3],
  [{ intitule: 'Permis de conduire B — code et conduite', code: 'RS', prix: [900, 1900], heures: [20, 35] }, 6],
  [{ intitule: 'CAP Cuisine', code: 'RNCP', prix: [3000, 7000], heures: [400, 800] }, 2],
  [{ intitule: 'Langue des signes française — niveau A1', code: 'RS', prix: [700, 1600], heures: [30, 60] }, 2],
  [{ intitule: 'Sauveteur secouriste du travail', code: 'RS', prix: [200, 450], heures: [14, 14] }, 4],
  [{ intitule: 'Photoshop et Illustrator — certification TOSA', code: 'RS', prix: [800, 2200], heures: [21, 60] }, 2],
  [{ intitule: 'Certificat Voltaire — orthographe professionnelle', code: 'RS', prix: [300, 900], heures: [10, 30] }, 3],
  [{ intitule: 'Titre professionnel Agent de propreté et d’hygiène', code: 'RNCP', prix: [1500, 3500], heures: [200, 400] }, 2],
];

const TRAINING_BODIES: readonly string[] = [
  'AFPA', 'GRETA', 'Cegos', 'Demos', 'CNAM', 'IFOCOP', 'Orsys', 'M2i Formation', 'ENI Service', 'Formasup',
  'Berlitz', 'Wall Street English', 'ECF', 'Promotrans', 'Groupe IGS', 'OpenClassrooms', 'Studi', 'Simplon',
  'Croix-Rouge Compétence', 'CCI Formation', 'Chambre de métiers', 'INFREP', 'Forget Formation', 'ESCCOT',
];

const REGION_WEIGHTS: readonly Weighted<string>[] = [
  ['11', 19], ['84', 12], ['93', 8], ['76', 9], ['75', 9], ['32', 9], ['44', 8], ['52', 6], ['53', 5],
  ['28', 5], ['27', 4], ['24', 4], ['94', 1], ['04', 1], ['01', 0.5], ['02', 0.5],
];

/** The CPF catalogue: the curated trainings first, then generated ones; sessions are relative to `today`. */
export function generateCatalogue(seed: number, today: string): Formation[] {
  const catalogue: Formation[] = Object.values(CURATED_TRAININGS).map((training) => curated(training, today));
  const random = new Random(streamSeed(seed, CATALOGUE_STREAM));
  for (let index = 1; index <= GENERATED_TRAININGS; index++) catalogue.push(generated(random, index, today));
  return catalogue;
}

function curated(training: CuratedTraining, today: string): Formation {
  const nextMonth = firstOfNextMonth(today);
  const length = sessionLengthDays(training.heures);
  const session = (n: number, start: string, open: boolean, places: number): Session => ({
    id: `${training.numero}-S${n}`,
    date_debut: start,
    date_fin: addDays(start, length),
    statut: open ? 'OUVERTE' : 'FERMEE',
    places_restantes: places,
  });
  return {
    numero_formation: training.numero,
    intitule_formation: training.intitule,
    nom_of: training.of,
    siret_of: training.siret,
    code_rncp: training.code,
    code_region: training.region,
    nom_region: regionName(training.region),
    frais_ttc_tot_mean: training.prix,
    nombre_heures_total_mean: training.heures,
    sessions: [
      // By start date, as the catalogue lists them: the full one falls between the open ones.
      session(1, nextMonth, true, 8),
      session(3, addMonths(nextMonth, 2), false, 0),
      session(2, addMonths(nextMonth, 3), true, 12),
    ],
  };
}

function generated(random: Random, index: number, today: string): Formation {
  const subject = random.weighted(SUBJECTS);
  const region = random.weighted(REGION_WEIGHTS);
  const body = random.pick(TRAINING_BODIES);
  const siret = luhnCompleted(`${random.int(100_000_000, 999_999_999)}${String(random.int(1, 9999)).padStart(4, '0')}`);
  const numero = `${siret}_F${padded(index, 5)}`;
  const heures = random.int(subject.heures[0], subject.heures[1]);
  const prix = round(random.int(subject.prix[0], subject.prix[1]) / 10) * 10;
  const length = sessionLengthDays(heures);
  const sessions: Session[] = [];
  const count = random.int(1, 4);
  for (let n = 1; n <= count; n++) {
    const start = addDays(today, random.int(-90, 270));
    const started = start <= today;
    const full = !started && random.chance(0.15);
    sessions.push({
      id: `${numero}-S${n}`,
      date_debut: start,
      date_fin: addDays(start, length),
      statut: started || full ? 'FERMEE' : 'OUVERTE',
      places_restantes: started || full ? 0 : random.int(1, 15),
    });
  }
  sessions.sort((a, b) => compareIso(a.date_debut, b.date_debut));
  return {
    numero_formation: numero,
    intitule_formation: subject.intitule,
    nom_of: `${body} ${REGIONS[region]}`,
    siret_of: siret,
    code_rncp: rncpCode(random, subject.code),
    code_region: region,
    nom_region: regionName(region),
    frais_ttc_tot_mean: prix,
    nombre_heures_total_mean: heures,
    sessions,
  };
}

function regionName(code: string): string {
  const name = REGIONS[code];
  if (name === undefined) throw new RangeError(`unknown region code ${code}`);
  return name;
}

/** About seven hours of training a day, five days a week. */
function sessionLengthDays(hours: number): number {
  return max(0, ceil(hours / 7 / 5) * 7 - 3);
}

function rncpCode(random: Random, kind: string): string {
  if (kind === 'RNCP') return `RNCP${random.int(34_000, 39_999)}`;
  if (kind === 'RS') return `RS${random.int(5_000, 6_999)}`;
  // Skills assessments and VAE support have no certification code of their own.
  return kind;
}

/** A SIRET is 14 digits whose Luhn sum is a multiple of 10. */
function luhnCompleted(thirteenDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    let digit = digitsOf(thirteenDigits[12 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${thirteenDigits}${(10 - (sum % 10)) % 10}`;
}
