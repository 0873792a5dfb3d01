import { appLink, badge, container, facts, HOME, pageHeading, section, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { euros, longDate, plural, signedEuros } from '../../../contract/french.ts';
import { graphql, sectionOf } from '../graphql.ts';
import { C2P_FACTORS, CPF_MOVEMENTS, ENROLMENT_STATUSES, SECTIONS, SIMULATORS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppFormationDocument as QUERY } from '../operations.generated.ts';


interface Training {
  cpf: {
    balance: number;
    creditRule: { yearlyCredit: number; cap: number; lowQualified: boolean };
    lastCreditedOn: string | null;
    history: Array<{ id: string; date: string; kind: string; amount: number; label: string }>;
  };
  c2p: {
    earnedPoints: number;
    usedPoints: number;
    availablePoints: number;
    reservedForTraining: number;
    freelyUsable: number;
    exposures: Array<{ year: number; factor: string; points: number }>;
  } | null;
  cec: { balance: number; cap: number; engagements: Array<{ year: number; organisation: string; amount: number }> } | null;
  enrolments: Array<{ id: string; title: string; sessionStartsOn: string; enrolledOn: string; amount: number; status: string }>;
}

const INFO = SECTIONS.training;

export async function training(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY);
  const state = sectionOf(data.me!.training, errors, 'training');
  return {
    title: INFO.title,
    content: container(
      pageHeading(INFO.title, { crumbs: [HOME], lead: 'Vos droits à la formation, tenus par la Caisse des Dépôts.' }),
      state.state === 'ok' ? details(state.value) : sectionAbsent(INFO, state),
    ),
  };
}

function details({ cpf, c2p, cec, enrolments }: Training): Node[] {
  return [
    section(
      'Compte personnel de formation (CPF)',
      facts([
        ['Solde disponible', h('strong', {}, euros(cpf.balance))],
        ['Alimentation annuelle', `${euros(cpf.creditRule.yearlyCredit)} par an, jusqu’à un plafond de ${euros(cpf.creditRule.cap)}`],
        ...(cpf.creditRule.lowQualified ? [['Taux', 'Majoré : vous n’avez pas de diplôme de niveau 3 (CAP, BEP)'] as [string, string]] : []),
        ['Dernière alimentation', cpf.lastCreditedOn ? longDate(cpf.lastCreditedOn) : 'Aucune'],
      ]),
      h('p', {}, appLink(SIMULATORS.cpf, 'Projeter mon compte dans les années qui viennent', { class: 'fr-link fr-icon-arrow-right-line fr-link--icon-right' })),
      table({
        caption: 'Mouvements du compte, du plus récent au plus ancien',
        columns: ['Date', 'Mouvement', 'Libellé', 'Montant'],
        numeric: [3],
        rows: cpf.history.map((movement) => [longDate(movement.date), CPF_MOVEMENTS[movement.kind] ?? movement.kind, movement.label, signedEuros(movement.amount)]),
      }),
    ),
    section(
      'Formations suivies',
      h('p', {}, appLink('formations', 'Trouver une formation', { class: 'fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left' })),
      enrolments.length === 0
        ? h('p', {}, 'Aucune inscription payée avec votre CPF.')
        : table({
            caption: 'Inscriptions payées avec le CPF',
            columns: ['Formation', 'Inscription', 'Début de la session', 'Montant', 'Statut'],
            numeric: [3],
            rows: enrolments.map((enrolment) => [
              enrolment.title,
              longDate(enrolment.enrolledOn),
              longDate(enrolment.sessionStartsOn),
              euros(enrolment.amount, true),
              badge(ENROLMENT_STATUSES[enrolment.status] ?? enrolment.status, enrolment.status === 'CONFIRMED' ? 'success' : 'info'),
            ]),
          }),
    ),
    section(
      'Compte professionnel de prévention (C2P)',
      c2p
        ? [
            facts([
              ['Points disponibles', h('strong', {}, plural(c2p.availablePoints, 'point'))],
              ['Points acquis', plural(c2p.earnedPoints, 'point')],
              ['Points utilisés', plural(c2p.usedPoints, 'point')],
              ['Réservés à la formation', plural(c2p.reservedForTraining, 'point')],
              ['Librement utilisables', plural(c2p.freelyUsable, 'point')],
            ]),
            h('p', {}, appLink(SIMULATORS.c2p, 'Simuler l’usage de mes points', { class: 'fr-btn fr-btn--secondary' })),
            table({
              caption: 'Points acquis par année et facteur d’exposition',
              columns: ['Année', 'Facteur', 'Points'],
              numeric: [2],
              rows: c2p.exposures.map((exposure) => [String(exposure.year), C2P_FACTORS[exposure.factor] ?? exposure.factor, String(exposure.points)]),
            }),
          ]
        : h('p', {}, 'Vous n’avez pas de compte professionnel de prévention.'),
    ),
    section(
      'Compte d’engagement citoyen (CEC)',
      cec
        ? [
            facts([
              ['Solde', h('strong', {}, euros(cec.balance))],
              ['Plafond', euros(cec.cap)],
            ]),
            table({
              caption: 'Engagements ayant donné des droits',
              columns: ['Année', 'Organisme', 'Montant'],
              numeric: [2],
              rows: cec.engagements.map((engagement) => [String(engagement.year), engagement.organisation, euros(engagement.amount, true)]),
            }),
          ]
        : h('p', {}, 'Vous n’avez pas de compte d’engagement citoyen.'),
    ),
  ];
}
