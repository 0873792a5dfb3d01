import { longDate, ofMonth } from '../../contract/french.ts';
import { CURATED_TRAININGS } from './catalogue.ts';
import type { CareerSegment } from './career.ts';
import { addDays, addMonths, dateInMonth, monthOf, yearOf } from './dates.ts';
import type { CafSituation } from './dossiers/caf.ts';
import type { CpfSituation, PastEnrolment } from './dossiers/cpf.ts';
import { actualisationDueOn, actualisationOpensOn, type FranceTravailSituation } from './dossiers/france-travail.ts';
import type { AgencyName, Message } from './types.ts';

/** A message as written, before the agency files it under the dossier (which gives its id). */
export type MessageDraft = Omit<Message, 'id'>;

/**
 * Everything the agencies know of one person, before it is turned into their files at a given
 * `today`. A null section means the agency does not know the person.
 */
export interface Situation {
  career: CareerSegment[];
  retired: boolean;
  cpf: CpfSituation | null;
  caf: CafSituation | null;
  franceTravail: FranceTravailSituation | null;
  messages: Partial<Record<AgencyName, MessageDraft[]>>;
}

const job = (
  regime: CareerSegment['regime'],
  employeur: string,
  debut: string,
  fin: string | null,
  salaireAnnuel: number,
  progression: number,
): CareerSegment => ({ regime, nature: 'EMPLOI', employeur, debut, fin, salaireAnnuel, progression });

const spell = (nature: CareerSegment['nature'], employeur: string | null, debut: string, fin: string | null): CareerSegment => ({
  regime: 'REGIME_GENERAL',
  nature,
  employeur,
  debut,
  fin,
  salaireAnnuel: 0,
  progression: 0,
});

const pastEnrolment = (
  training: { numero: string; intitule: string; prix: number },
  date: string,
  sessionStart: string,
): PastEnrolment => ({
  numero_formation: training.numero,
  intitule_formation: training.intitule,
  session_id: `${training.numero}-${sessionStart.slice(0, 7).replace('-', '')}`,
  date_inscription: date,
  date_debut_session: sessionStart,
  montant_euros: training.prix,
  annulee_apres_jours: null,
});

const message = (date_envoi: string, objet: string, corps: string, lu: boolean): MessageDraft => ({
  date_envoi,
  expediteur: 'AGENCE',
  objet,
  corps,
  lu,
});

/** The day the personas' stories are written for: README.md lists their figures on this day, and tests assert them. */
export const PERSONAS_WRITTEN_FOR = '2026-11-10';

/**
 * Moves a recent event of a persona's story, written as it falls on PERSONAS_WRITTEN_FOR, by
 * whole months so that it falls as long before `today`: a job lost eight months ago is still
 * eight months ago, whatever day the demo runs. Identities and older history stay as written.
 */
function recentTo(today: string): (date: string) => string {
  const months = (yearOf(today) - yearOf(PERSONAS_WRITTEN_FOR)) * 12 + monthOf(today) - monthOf(PERSONAS_WRITTEN_FOR);
  return (date) => addMonths(date, months);
}

/** The last time a yearly event (`MM-DD`) happened, on or before `today`. */
function lastYearly(today: string, monthDay: string): string {
  const thisYear = `${yearOf(today)}-${monthDay}`;
  return thisYear <= today ? thisYear : `${yearOf(today) - 1}-${monthDay}`;
}

/**
 * The curated demo personas (identities in personas.ts), as of `today`. Their recent events
 * and their messages follow `today`, so their stories hold whatever day the demo runs; the
 * figures each agency shows for them on PERSONAS_WRITTEN_FOR are listed in README.md.
 */
export const PERSONA_SITUATIONS: Readonly<Record<string, (today: string) => Situation>> = {
  // Nurse on night shifts in private clinics in Lyon since 2011; never used her C2P points.
  'camille.martin': (today) => ({
    career: [
      job('REGIME_GENERAL', 'Clinique du Parc Lyon', '2011-09-01', '2017-12-31', 24_000, 0.02),
      job('REGIME_GENERAL', 'Médipôle Lyon-Villeurbanne', '2018-01-01', null, 29_000, 0.02),
    ],
    retired: false,
    cpf: {
      peu_qualifie: false,
      inscriptions: [pastEnrolment(CURATED_TRAININGS.soinsPalliatifs, '2022-09-12', '2022-10-03')],
      c2p: { facteurs: ['TRAVAIL_DE_NUIT'], depuis: 2016, jusqu_a: null, points_consommes: 0 },
      cec: null,
    },
    caf: null,
    franceTravail: null,
    messages: {
      cpf: [
        message(
          `${lastYearly(today, '03-02')}T08:30:00.000Z`,
          `Vos points de prévention ${yearOf(lastYearly(today, '03-02')) - 1} sont crédités`,
          `Votre employeur a déclaré votre exposition au travail de nuit en ${yearOf(lastYearly(today, '03-02')) - 1} : 4 points ont été ajoutés à votre compte professionnel de prévention.`,
          false,
        ),
      ],
      rgcu: [
        message(
          `${lastYearly(today, '05-12')}T09:00:00.000Z`,
          'Votre relevé de carrière est à jour',
          `Les salaires de ${yearOf(lastYearly(today, '05-12')) - 1} déclarés par votre employeur ont été reportés sur votre relevé de carrière.`,
          true,
        ),
      ],
    },
  }),

  // Warehouse worker in Marseille, laid off nine months ago; married, two children.
  'karim.benali': (today) => {
    const recent = recentTo(today);
    const opens = actualisationOpensOn(today);
    return {
      career: [
        job('REGIME_GENERAL', 'Transports Méditerranée Logistique', '2004-09-01', '2013-06-30', 21_000, 0.02),
        spell('CHOMAGE', null, '2013-07-10', '2014-01-31'),
        job('REGIME_GENERAL', 'Entrepôts du Port de Marseille', '2014-02-03', recent('2026-02-27'), 25_500, 0.015),
        spell('CHOMAGE', null, recent('2026-03-10'), null),
      ],
      retired: false,
      cpf: {
        peu_qualifie: false,
        inscriptions: [pastEnrolment(CURATED_TRAININGS.cacesR489, '2022-05-16', '2022-06-13')],
        c2p: null,
        cec: null,
      },
      caf: {
        allocataires: [
          { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Karim', date_naissance: '1983-09-02', sexe: 'M' },
          { nom_naissance: 'HADDAD', nom_usage: 'BENALI', prenoms: 'Nadia', date_naissance: '1985-04-18', sexe: 'F' },
        ],
        enfants: [
          { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Inès', date_naissance: '2015-06-10', sexe: 'F' },
          { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Yanis', date_naissance: '2018-11-23', sexe: 'M' },
        ],
        adresse: {
          destinataire: 'MONSIEUR KARIM BENALI',
          complement_information: null,
          complement_information_geographique: 'BATIMENT B',
          numero_libelle_voie: '12 RUE DE LA REPUBLIQUE',
          lieu_dit: null,
          code_postal_ville: '13002 MARSEILLE',
          pays: 'FRANCE',
        },
        quotient_familial: 620,
        droits: [{ code: 'AF', montant_mensuel_euros: 151.05, date_debut_droit: '2018-12-01', date_fin_droit: null }],
      },
      franceTravail: {
        inscription: { date_debut: recent('2026-03-02'), date_fin: null, categorie: 'A' },
        indemnisation: {
          allocation: 'ARE',
          montant_journalier_brut_euros: 41.2,
          date_ouverture_droits: recent('2026-03-10'),
          duree_jours: 548,
        },
        actualisation_effectuee: false,
      },
      messages: {
        'france-travail': [
          // Sent when the open update opened, about it: never a deadline already gone.
          message(
            `${opens}T06:00:00.000Z`,
            'Votre actualisation mensuelle est ouverte',
            `Déclarez votre situation ${ofMonth(opens)} avant le ${longDate(actualisationDueOn(opens))} pour que votre allocation soit versée.`,
            false,
          ),
          message(
            `${recent('2026-03-12')}T10:00:00.000Z`,
            'Votre allocation d’aide au retour à l’emploi',
            `Vos droits à l’ARE sont ouverts depuis le ${longDate(recent('2026-03-10'))} pour 548 jours, à 41,20 € brut par jour.`,
            true,
          ),
        ],
        caf: [
          message(
            `${lastYearly(today, '02-06')}T10:15:00.000Z`,
            'Attestation de quotient familial disponible',
            `Votre attestation de quotient familial ${yearOf(lastYearly(today, '02-06'))} est disponible dans votre espace.`,
            true,
          ),
        ],
      },
    };
  },

  // Textile then retail in Lille, then an agricultural cooperative (MSA) on alternating shifts since 2010.
  'sophie.lefevre': () => ({
    career: [
      job('REGIME_GENERAL', 'Filature Lepoutre', '1984-09-03', '1996-05-31', 14_000, 0.03),
      job('REGIME_GENERAL', 'Hypermarché Lille Grand Place', '1996-06-01', '2009-12-31', 19_000, 0.02),
      job('MSA_SALARIES', 'Coopérative agricole Flandre-Artois', '2010-01-04', null, 26_000, 0.015),
    ],
    retired: false,
    cpf: {
      peu_qualifie: false,
      inscriptions: [pastEnrolment(CURATED_TRAININGS.excelTosa, '2019-10-07', '2019-11-04')],
      c2p: { facteurs: ['TRAVAIL_EN_EQUIPES_ALTERNANTES'], depuis: 2015, jusqu_a: null, points_consommes: 0 },
      cec: null,
    },
    caf: null,
    franceTravail: null,
    messages: {
      rgcu: [
        message(
          '2026-06-21T07:00:00.000Z',
          'Votre estimation indicative globale est disponible',
          'À 63 ans, vous pouvez consulter une estimation de votre future retraite, tous régimes confondus.',
          false,
        ),
      ],
      cpf: [
        message(
          '2026-01-20T09:00:00.000Z',
          'Vos points de prévention peuvent avancer votre départ',
          'Dix points de votre compte professionnel de prévention valent un trimestre de majoration de durée d’assurance.',
          true,
        ),
      ],
    },
  }),

  // Left school at 16 without a diploma; civic service in 2022; part-time in fast food since 2023.
  // Eligible for the prime d'activité but never asked: unknown to the CAF.
  'lucas.petit': (today) => ({
    career: [
      spell('SERVICE_CIVIQUE', 'Unis-Cité Nouvelle-Aquitaine', '2022-01-10', '2022-09-09'),
      job('REGIME_GENERAL', 'Restauration Bordeaux-Lac', '2023-03-01', null, 12_000, 0.02),
    ],
    retired: false,
    cpf: {
      peu_qualifie: true,
      inscriptions: [],
      c2p: null,
      cec: { engagements: [{ annee: 2022, organisme: 'Service civique — Unis-Cité' }] },
    },
    caf: null,
    franceTravail: null,
    messages: {
      cpf: [
        message(
          '2023-04-14T08:00:00.000Z',
          'Votre compte d’engagement citoyen est crédité',
          'Votre service civique de 2022 vous donne 240 € de droits à la formation sur votre compte d’engagement citoyen.',
          true,
        ),
        message(
          `${recentTo(today)('2026-09-15')}T08:00:00.000Z`,
          'Des formations accessibles avec vos droits',
          'Sans diplôme, vous êtes crédité de 800 € par an, jusqu’à 8 000 €. Le permis B fait partie des formations éligibles.',
          false,
        ),
      ],
    },
  }),

  // Home help, part time, in Nantes since 2016; single mother of a daughter now two years old.
  'aicha.diallo': (today) => {
    const recent = recentTo(today);
    // The resources declaration of the last three months, asked on the last day of the month before, due at this month's end.
    const asked = addDays(dateInMonth(today.slice(0, 7), 1), -1);
    return {
      career: [
        job('REGIME_GENERAL', 'Nantes Aide et Services', '2016-02-01', recent('2024-06-30'), 11_500, 0.015),
        spell('MATERNITE', null, recent('2024-07-01'), recent('2024-10-20')),
        job('REGIME_GENERAL', 'Nantes Aide et Services', recent('2024-10-21'), null, 12_950, 0.015),
      ],
      retired: false,
      cpf: {
        peu_qualifie: false,
        inscriptions: [pastEnrolment(CURATED_TRAININGS.assistantVie, '2021-06-01', '2021-09-06')],
        c2p: null,
        cec: null,
      },
      caf: {
        allocataires: [{ nom_naissance: 'DIALLO', nom_usage: null, prenoms: 'Aïcha', date_naissance: '1991-11-05', sexe: 'F' }],
        enfants: [{ nom_naissance: 'DIALLO', nom_usage: null, prenoms: 'Mariama', date_naissance: recent('2024-08-12'), sexe: 'F' }],
        adresse: {
          destinataire: 'MADAME AICHA DIALLO',
          complement_information: 'APPARTEMENT 14',
          complement_information_geographique: null,
          numero_libelle_voie: '7 ALLEE DES TILLEULS',
          lieu_dit: null,
          code_postal_ville: '44300 NANTES',
          pays: 'FRANCE',
        },
        quotient_familial: 412,
        droits: [
          // Until the month the child turns three.
          { code: 'RSA_MAJORE', montant_mensuel_euros: 612.4, date_debut_droit: recent('2024-09-01'), date_fin_droit: recent('2027-08-31') },
          { code: 'ASF', montant_mensuel_euros: 199.19, date_debut_droit: recent('2024-09-01'), date_fin_droit: null },
        ],
      },
      franceTravail: null,
      messages: {
        caf: [
          message(
            `${asked}T07:30:00.000Z`,
            'Déclaration trimestrielle de ressources à faire',
            `Déclarez vos ressources du ${longDate(dateInMonth(addMonths(asked, -2).slice(0, 7), 1))} au ${longDate(asked)} ` +
              `avant le ${longDate(addDays(addMonths(dateInMonth(asked.slice(0, 7), 1), 2), -1))} pour garder votre RSA.`,
            false,
          ),
          message(
            `${recent('2024-09-20')}T10:00:00.000Z`,
            'Votre allocation de soutien familial',
            `Votre droit à l’allocation de soutien familial est ouvert depuis le ${longDate(recent('2024-09-01'))}.`,
            true,
          ),
        ],
      },
    };
  },

  // Eighteen, still at school: no agency knows him.
  'jean.dupont': () => ({
    career: [],
    retired: false,
    cpf: null,
    caf: null,
    franceTravail: null,
    messages: {},
  }),
};
