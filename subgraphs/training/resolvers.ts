import { c2pRules, simulateC2pUse } from '../../rules/c2p.ts';
import { simulateCpfProjection } from '../../rules/cpf.ts';
import { c2pReserveFor } from '../../rules/parameters.ts';
import { applyRule } from '../shared/action-errors.ts';
import type { AgencyContext, AgencyKit } from '../shared/agency-subgraph.ts';
import type { PersonReference } from '../shared/authorize.ts';
import { centsOf } from '../../contract/scalars.ts';
import { Catalogue } from './catalogue.ts';
import type { CpfDossier } from './client.ts';
import { enrollInTraining, toEnrolment } from './enrolment.ts';
import { checkIdempotencyKey } from '../shared/idempotency-key.ts';
import type { Resolvers } from './resolver-types.generated.ts';

type Context = AgencyContext<CpfDossier>;

const MOVEMENT_KIND = {
  ALIMENTATION: 'CREDIT',
  ABONDEMENT: 'TOP_UP',
  INSCRIPTION: 'ENROLMENT',
  ANNULATION: 'CANCELLATION',
} as const;

const C2P_FACTOR = {
  TRAVAIL_DE_NUIT: 'NIGHT_WORK',
  TRAVAIL_EN_EQUIPES_ALTERNANTES: 'SHIFT_WORK',
  TRAVAIL_REPETITIF: 'REPETITIVE_WORK',
  MILIEU_HYPERBARE: 'HYPERBARIC',
  TEMPERATURES_EXTREMES: 'EXTREME_TEMPERATURES',
  BRUIT: 'NOISE',
} as const;

/** Maps the Caisse des Dépôts file to `TrainingRights`. */
export function toTrainingRights(dossier: CpfDossier, person: PersonReference, today: string) {
  const { compte, c2p, cec } = dossier;
  return {
    cpf: {
      balance: centsOf(compte.solde_euros),
      creditRule: {
        yearlyCredit: centsOf(compte.alimentation_annuelle_euros),
        cap: centsOf(compte.plafond_euros),
        lowQualified: dossier.peu_qualifie,
      },
      lastCreditedOn: compte.date_derniere_alimentation,
      history: dossier.mouvements.map((m) => ({
        id: m.id,
        date: m.date,
        kind: MOVEMENT_KIND[m.type],
        amount: centsOf(m.montant_euros),
        label: m.libelle,
      })),
    },
    c2p: c2p && toC2p(c2p, Number(person.pivot.birthdate.slice(0, 4)), today),
    cec: cec && {
      balance: centsOf(cec.solde_euros),
      cap: centsOf(cec.plafond_euros),
      engagements: cec.engagements.map((e) => ({ year: e.annee, organisation: e.organisme, amount: centsOf(e.montant_euros) })),
    },
    enrolments: dossier.inscriptions.map(toEnrolment),
  };
}

/**
 * The training subgraph's own fields: the public catalogue, the enrolment, and the simulators,
 * which compute from the mapped section and the dated rules.
 */
export function trainingResolvers(kit: AgencyKit<CpfDossier>): Resolvers<Context> {
  const catalogue = new Catalogue(kit.client);
  return {
    Query: {
      trainings: (_root, args) => catalogue.search(args.search, args.page, args.perPage),
      training: (_root, args) => catalogue.training(args.id),
    },
    Mutation: {
      enrollInTraining: async (_root, args, context) => {
        kit.citizen(context);
        checkIdempotencyKey(args.input.idempotencyKey, 'input.idempotencyKey', 'enrolment');
        const { citizen, dossier } = await kit.citizenFile(context);
        const receipt = await enrollInTraining(kit.client, citizen, dossier.id, args.input);
        // One seat fewer at the agency: the next search reads it rather than the cached count.
        catalogue.forget();
        return receipt;
      },
    },
    CpfAccount: {
      projection: (account, args, context) =>
        applyRule(() =>
          simulateCpfProjection(
            { balance: account.balance, lowQualified: account.creditRule.lowQualified, lastCreditedOn: account.lastCreditedOn },
            args.years,
            context.today,
          ),
        ),
    },
    C2pAccount: {
      rules: (_account, _args, context) => c2pRules(context.today),
      // graphql-js fills in the input's defaults (0); a use sent as null counts as none.
      simulateC2PUse: (account, { uses }, context) =>
        applyRule(
          () => simulateC2pUse(account, { training: uses.training ?? 0, retirement: uses.retirement ?? 0, partTime: uses.partTime ?? 0 }, context.today),
          'uses',
        ),
    },
  };
}

/**
 * The reserve applies to the first points earned; points already consumed are counted
 * against it first, since the reserve can only have gone to training.
 */
function toC2p(c2p: NonNullable<CpfDossier['c2p']>, birthYear: number, today: string) {
  const reserve = c2pReserveFor(birthYear, today);
  const reservedForTraining = Math.min(c2p.points_disponibles, Math.max(0, reserve - c2p.points_consommes));
  return {
    earnedPoints: c2p.points_acquis,
    usedPoints: c2p.points_consommes,
    availablePoints: c2p.points_disponibles,
    reservedForTraining,
    freelyUsable: c2p.points_disponibles - reservedForTraining,
    exposures: c2p.expositions.map((e) => ({ year: e.annee, factor: C2P_FACTOR[e.facteur], points: e.points })),
  };
}
