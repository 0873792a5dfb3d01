import DataLoader from 'dataloader';
import type { FastifyInstance } from 'fastify';
import type { ThirdPartyRegistry } from '../../common/third-parties.ts';
import type { Pivot } from '../../contract/pivot.ts';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { DateScalar, DateTimeScalar } from '../../contract/scalars.ts';
import { buildSubgraph } from '../../common/subgraph/server.ts';
import { checkConsentRequest } from './consent-rules.ts';
import { badUserInput } from '../../contract/errors.ts';
import { fromStore } from './errors.ts';
import { registerInternalRoutes } from './internal-routes.ts';
import { afterKey, connectionOf, pageOf, type SortKey } from '../../common/pagination.ts';
import {
  beneficiaryIds,
  resolveMe,
  resolvePerson,
  toIdentity,
  toThirdParty,
  type IdentityContext,
} from './resolvers.ts';
import { ConsentAlreadyActiveError, ConsentStore, statusOf } from './store/consents.ts';
import type { Database } from '../../common/database.ts';
import { JournalStore } from './store/journal.ts';
import { SubscriptionStore } from './store/subscriptions.ts';
import { NotificationKeys } from '../../common/notifications/keys.ts';
import { NOTIFICATIONS_CLIENT_ID } from '../../contract/notifications.ts';
import { notificationResolvers } from './notifications.ts';
import type { Resolvers } from './resolver-types.generated.ts';
import type { JobQueue } from '../../common/queue/job-queue.ts';
import { SealedBox } from '../../common/sealed-box.ts';
import {
  agencyOf,
  DECLARATION_SEAL,
  declarationEvents,
  declarations as declarationService,
  toDeclaration,
  type DeliveryRetry,
} from './declarations/declarations.ts';
import { DeclarationStore } from './store/declarations.ts';

export interface IdentitySubgraphOptions {
  tokenKey: VerificationKey;
  personIdKey: string;
  /** Consents and the access journal; migrated by the caller. */
  database: Database;
  thirdParties: ThirdPartyRegistry;
  /** NOTIFICATION_ENCRYPTION_KEY: seals the subscribers' pivots and addresses, signs their links. */
  notificationKey: string;
  /** Where declarations are sent for delivery, and the secret their changes are sealed with. */
  declarations: { queue: JobQueue; encryptionKey: string; retry?: DeliveryRetry };
  /** The clock consents start, expire and are journaled by; tests move it. */
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

/** Beneficiaries by id, journal entries newest first: each keyed by its id alone. */
const byId = {
  keyOf: (id: string): SortKey => [id],
  compare: ([a = '']: SortKey, [b = '']: SortKey) => (a < b ? -1 : a > b ? 1 : 0),
  keyLength: 1,
};

/** The identity subgraph: owns `Person`, `me`, the internal identity pivot, consents and the access journal. */
export async function build(options: IdentitySubgraphOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const consents = new ConsentStore(options.database);
  const journal = new JournalStore(options.database);
  const notificationKeys = new NotificationKeys(options.notificationKey);
  const subscriptions = new SubscriptionStore(options.database, notificationKeys);
  const registry = options.thirdParties;
  const { personIdKey } = options;
  const notifications = notificationResolvers({ subscriptions, keys: notificationKeys, registry, personIdKey, now });
  const declarationStore = new DeclarationStore(options.database);
  const declared = declarationService({
    store: declarationStore,
    box: new SealedBox(options.declarations.encryptionKey, DECLARATION_SEAL),
    queue: options.declarations.queue,
    retry: options.declarations.retry,
    now,
  });

  const resolvers: Resolvers<IdentityContext> = {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      me: (_root, _args, context: IdentityContext) => resolveMe(context.token, personIdKey),
      person: (_root, args, context) => resolvePerson(context, args.id, personIdKey),
      beneficiaries: (_root, args, context) => {
        const page = pageOf(beneficiaryIds(context.token), args, byId);
        return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: resolvePerson(context, node, personIdKey) })) };
      },
      thirdParties: () => registry.grantable.map((tp) => toThirdParty(tp, tp.scopes)),
    },
    Mutation: {
      grantConsent: async (_root, args, context) => {
        const me = resolveMe(context.token, personIdKey);
        const startsAt = now();
        const checked = checkConsentRequest({ ...args, expiresAt: args.expiresAt == null ? null : new Date(args.expiresAt) }, registry, startsAt);
        try {
          return await fromStore('consents', () =>
            consents.grant({
              personId: me.id,
              pivot: me.pivot,
              grantee: { clientId: checked.grantee.clientId, name: checked.grantee.name, kind: checked.grantee.kind },
              scopes: checked.scopes,
              purpose: checked.purpose,
              startsAt,
              expiresAt: checked.expiresAt,
            }),
          );
        } catch (error) {
          if (!(error instanceof ConsentAlreadyActiveError)) throw error;
          throw badUserInput(
            'grantee',
            'CONSENT_ALREADY_ACTIVE',
            `Consent ${error.existingId} to ${checked.grantee.name} is still active: revoke it first to give a new one.`,
            { cause: error },
          );
        }
      },
      revokeConsent: async (_root, args, context) => {
        const me = resolveMe(context.token, personIdKey);
        const revoked = await fromStore('consents', () => consents.revoke(me.id, args.id, now()));
        // Revoking the platform's own consent ends the subscription it is, and deletes what it kept.
        if (revoked?.grantee.clientId === NOTIFICATIONS_CLIENT_ID) await fromStore('consents', () => subscriptions.unsubscribe({ consentId: revoked.id }, now()));
        if (!revoked) throw badUserInput('id', 'CONSENT_NOT_FOUND', `You have no consent with the id "${args.id}"; see me.consents.`);
        return revoked;
      },
      ...notifications.Mutation,
      declareChange: async (_root, args, context) => {
        const me = resolveMe(context.token, personIdKey);
        const agencies = args.agencies?.map(agencyOf);
        return toDeclaration(await fromStore('declarations', () => declared.declare(me, { ...args, agencies })));
      },
      cancelDeclaration: async (_root, args, context) => {
        const me = resolveMe(context.token, personIdKey);
        return toDeclaration(await fromStore('declarations', () => declared.cancel(me.id, args.id)));
      },
    },
    Person: {
      ...notifications.Person,
      __resolveReference: (reference, context) =>
        resolvePerson(context, reference.id, personIdKey),
      identity: toIdentity,
      consents: (person) => fromStore('consents', () => consents.ofPerson(person.id)),
      accessJournal: async (person, args) => {
        const [after = null] = afterKey(args, byId.keyLength) ?? [];
        if (after !== null && !/^\d+$/.test(after)) {
          throw badUserInput('after', 'INVALID_FORMAT', 'after is not a cursor of this list: pass pageInfo.endCursor of the previous page.');
        }
        const page = await fromStore('journal', () => journal.page(person.id, args.first, after));
        // Entries are only ever added: anything before `after` is newer, so it exists.
        return connectionOf(page.entries, (entry) => [entry.id], { hasNextPage: page.hasNextPage, hasPreviousPage: after !== null });
      },
      // Only the person's own timeline shows them: a third party reading it gets none.
      declarationEvents: async (person, _args, context) => {
        if (context.token.actor.kind !== 'citizen') return [];
        const answered = await fromStore('declarations', () => declarationStore.answered(person.id));
        return declarationEvents(answered, now().toISOString().slice(0, 10));
      },
      declarations: async (person, args) => {
        const [after = null] = afterKey(args, byId.keyLength) ?? [];
        if (after !== null && !/^\d+$/.test(after)) {
          throw badUserInput('after', 'INVALID_FORMAT', 'after is not a cursor of this list: pass pageInfo.endCursor of the previous page.');
        }
        const page = await fromStore('declarations', () => declarationStore.page(person.id, args.first, after));
        const connection = connectionOf(page.declarations, (declaration) => [declaration.seq], { hasNextPage: page.hasNextPage, hasPreviousPage: after !== null });
        return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: toDeclaration(node) })) };
      },
    },
    Consent: {
      grantee: (consent) => toThirdParty(consent.grantee, registry.get(consent.grantee.clientId)?.scopes ?? []),
      status: (consent) => statusOf(consent, now()),
    },
    AccessJournalEntry: {
      reader: (entry) => toThirdParty(entry.reader, registry.get(entry.reader.clientId)?.scopes ?? []),
    },
  };

  return buildSubgraph<IdentityContext>({
    name: 'identity',
    sdl: await readSubgraphSdl('identity'),
    tokenKey: options.tokenKey,
    telemetry: options.telemetry,
    lifecycle: options.lifecycle,
    createContext: (base) => ({
      ...base,
      pivots: new DataLoader<string, Pivot | null>(async (ids) => {
        const actor = base.token.actor;
        if (actor.kind !== 'third_party') return ids.map(() => null);
        const found = await fromStore('consents', () =>
          actor.clientId === NOTIFICATIONS_CLIENT_ID ? subscriptions.pivotsFor(ids) : consents.pivotsFor(actor.clientId, ids),
        );
        return ids.map((id) => found.get(id) ?? null);
      }),
    }),
    routes: (app) => registerInternalRoutes(app, { tokenKey: options.tokenKey, consents, journal, registry, subscriptions, notificationKeys, now }),
    resolvers,
  });
}

