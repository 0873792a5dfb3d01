import type { Weighted } from '../random.ts';

/** A commune with its INSEE (COG) code, its main postal code and its region (INSEE code). */
export interface Commune {
  code: string;
  nom: string;
  codePostal: string;
  region: string;
}

/** Regions (INSEE codes since 2016), as the CPF catalogue names them. */
export const REGIONS: Readonly<Record<string, string>> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': 'Provence-Alpes-Côte d’Azur',
  '94': 'Corse',
};

const commune = (code: string, nom: string, codePostal: string, region: string): Commune => ({
  code,
  nom,
  codePostal,
  region,
});

/**
 * Births in Paris are registered by arrondissement (75101–75120), so Paris appears as its
 * twenty arrondissements; elsewhere the commune code is used, as FranceConnect gives it.
 */
const PARIS: readonly Commune[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return commune(`751${n}`, `PARIS ${n}`, `750${n}`, '11');
});

/** Communes of birth and residence, weighted roughly by population (weights in thousands). */
export const COMMUNES: readonly Weighted<Commune>[] = [
  ...PARIS.map((c): Weighted<Commune> => [c, 105]),
  [commune('13055', 'MARSEILLE', '13001', '93'), 870],
  [commune('69123', 'LYON', '69001', '84'), 520],
  [commune('31555', 'TOULOUSE', '31000', '76'), 500],
  [commune('06088', 'NICE', '06000', '93'), 340],
  [commune('44109', 'NANTES', '44000', '52'), 320],
  [commune('34172', 'MONTPELLIER', '34000', '76'), 300],
  [commune('67482', 'STRASBOURG', '67000', '44'), 290],
  [commune('33063', 'BORDEAUX', '33000', '75'), 260],
  [commune('59350', 'LILLE', '59000', '32'), 235],
  [commune('35238', 'RENNES', '35000', '53'), 225],
  [commune('51454', 'REIMS', '51100', '44'), 180],
  [commune('42218', 'SAINT-ETIENNE', '42000', '84'), 175],
  [commune('83137', 'TOULON', '83000', '93'), 180],
  [commune('76351', 'LE HAVRE', '76600', '28'), 165],
  [commune('38185', 'GRENOBLE', '38000', '84'), 158],
  [commune('21231', 'DIJON', '21000', '27'), 160],
  [commune('49007', 'ANGERS', '49000', '52'), 157],
  [commune('30189', 'NIMES', '30000', '76'), 150],
  [commune('69266', 'VILLEURBANNE', '69100', '84'), 155],
  [commune('63113', 'CLERMONT-FERRAND', '63000', '84'), 147],
  [commune('72181', 'LE MANS', '72000', '52'), 145],
  [commune('29019', 'BREST', '29200', '53'), 140],
  [commune('37261', 'TOURS', '37000', '24'), 137],
  [commune('80021', 'AMIENS', '80000', '32'), 133],
  [commune('87085', 'LIMOGES', '87000', '75'), 130],
  [commune('66136', 'PERPIGNAN', '66000', '76'), 120],
  [commune('57463', 'METZ', '57000', '44'), 120],
  [commune('25056', 'BESANCON', '25000', '27'), 120],
  [commune('45234', 'ORLEANS', '45000', '24'), 116],
  [commune('76540', 'ROUEN', '76000', '28'), 114],
  [commune('68224', 'MULHOUSE', '68100', '44'), 108],
  [commune('14118', 'CAEN', '14000', '28'), 106],
  [commune('54395', 'NANCY', '54000', '44'), 104],
  [commune('86194', 'POITIERS', '86000', '75'), 90],
  [commune('64445', 'PAU', '64000', '75'), 77],
  [commune('68066', 'COLMAR', '68000', '44'), 67],
  [commune('51108', 'CHALONS-EN-CHAMPAGNE', '51000', '44'), 44],
  [commune('08105', 'CHARLEVILLE-MEZIERES', '08000', '44'), 45],
  [commune('88160', 'EPINAL', '88000', '44'), 31],
  [commune('2A004', 'AJACCIO', '20000', '94'), 72],
  [commune('97411', 'SAINT-DENIS', '97400', '04'), 150],
  [commune('97209', 'FORT-DE-FRANCE', '97200', '02'), 76],
];

/** Name pools (see names.ts) follow the country of birth. */
export type NameGroup = 'france' | 'maghreb' | 'afrique-ouest' | 'lusophone' | 'turquie' | 'europe-est' | 'asie';

export interface Country {
  code: string;
  nom: string;
  names: NameGroup;
}

/** Countries of birth for people born abroad (INSEE COG country codes), weighted by frequency. */
export const COUNTRIES: readonly Weighted<Country>[] = [
  [{ code: '99352', nom: 'ALGERIE', names: 'maghreb' }, 25],
  [{ code: '99350', nom: 'MAROC', names: 'maghreb' }, 22],
  [{ code: '99351', nom: 'TUNISIE', names: 'maghreb' }, 9],
  [{ code: '99139', nom: 'PORTUGAL', names: 'lusophone' }, 12],
  [{ code: '99341', nom: 'SENEGAL', names: 'afrique-ouest' }, 5],
  [{ code: '99335', nom: 'MALI', names: 'afrique-ouest' }, 4],
  [{ code: '99326', nom: "COTE D'IVOIRE", names: 'afrique-ouest' }, 4],
  [{ code: '99322', nom: 'CAMEROUN', names: 'afrique-ouest' }, 3],
  [{ code: '99330', nom: 'GUINEE', names: 'afrique-ouest' }, 2],
  [{ code: '99208', nom: 'TURQUIE', names: 'turquie' }, 6],
  [{ code: '99114', nom: 'ROUMANIE', names: 'europe-est' }, 3],
  [{ code: '99122', nom: 'POLOGNE', names: 'europe-est' }, 2],
  [{ code: '99155', nom: 'UKRAINE', names: 'europe-est' }, 2],
  [{ code: '99216', nom: 'CHINE', names: 'asie' }, 2],
  [{ code: '99243', nom: 'VIETNAM', names: 'asie' }, 2],
  [{ code: '99127', nom: 'ITALIE', names: 'france' }, 4],
  [{ code: '99134', nom: 'ESPAGNE', names: 'france' }, 4],
  [{ code: '99131', nom: 'BELGIQUE', names: 'france' }, 3],
  [{ code: '99109', nom: 'ALLEMAGNE', names: 'france' }, 3],
  [{ code: '99132', nom: 'ROYAUME-UNI', names: 'france' }, 2],
  [{ code: '99140', nom: 'SUISSE', names: 'france' }, 2],
];

/** Street names for addresses, as the CNAF writes them (upper case, no accents). */
export const STREETS: readonly string[] = [
  'RUE DE LA REPUBLIQUE',
  'RUE VICTOR HUGO',
  'AVENUE JEAN JAURES',
  'RUE PASTEUR',
  'BOULEVARD GAMBETTA',
  'RUE DES LILAS',
  'ALLEE DES TILLEULS',
  'RUE DE LA GARE',
  'AVENUE DU GENERAL LECLERC',
  'RUE DES ECOLES',
  'PLACE DE LA MAIRIE',
  'RUE JULES FERRY',
  'IMPASSE DES ROSIERS',
  'CHEMIN DES VIGNES',
  'RUE DU MOULIN',
  'AVENUE DE LA LIBERATION',
  'RUE ANATOLE FRANCE',
  'RUE DES ACACIAS',
  'BOULEVARD DE STRASBOURG',
  'RUE EMILE ZOLA',
];
