import DataLoader from 'dataloader';
import type { FastifyInstance } from 'fastify';
import type { ThirdPartyRegistry } from '../../common/third-parties.ts';
import type { Pivot } from '../../contract/pivot.ts';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { DateScalar, DateTimeScalar } from '../../contract/scalars.ts';
import { buildSubgraph } from '../shared/server.ts';
import { checkConsentRequest } from './consent-rules.ts';
import { badInput, fromStore } from './errors.ts';
import { registerInternalRoutes } from './internal-routes.ts';
import {
  beneficiaryIds,
  checkPageSize,
  fromCursor,
  resolveMe,
  resolvePerson,
  toCursor,
  toIdentity,
  toThirdParty,
  type IdentityContext,
  type PersonSource,
} from './resolvers.ts';
import { ConsentAlreadyActiveError, ConsentStore, statusOf, type Consent } from './store/consents.ts';
import type { Database } from './store/database.ts';
import { JournalStore, type JournalEntry } from './store/journal.ts';

export interface IdentitySubgraphOptions {
  tokenKey: VerificationKey;
  personIdKey: string;
  /** Consents and the access journal; migrated by the caller. */
  database: Database;
  thirdParties: ThirdPartyRegistry;
  /** The clock consents start, expire and are journaled by; tests move it. */
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

interface PageArgs {
  first: number;
  after?: string | null;
}

/** The identity subgraph: owns `Person`, `me`, the internal identity pivot, consents and the access journal. */
export async function build(options: IdentitySubgraphOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const consents = new ConsentStore(options.database);
  const journal = new JournalStore(options.database);
  const registry = options.thirdParties;
  const { personIdKey } = options;

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
        const found = await fromStore('consents', () => consents.pivotsFor(actor.clientId, ids));
        return ids.map((id) => found.get(id) ?? null);
      }),
    }),
    routes: (app) => registerInternalRoutes(app, { tokenKey: options.tokenKey, consents, journal, registry, now }),
    resolvers: {
      Date: DateScalar,
      DateTime: DateTimeScalar,
      Query: {
        me: (_root, _args, context: IdentityContext) => resolveMe(context.token, personIdKey),
        person: (_root, args: { id: string }, context: IdentityContext) => resolvePerson(context, args.id, personIdKey),
        beneficiaries: (_root, args: PageArgs, context: IdentityContext) => {
          checkPageSize(args.first);
          const ids = beneficiaryIds(context.token);
          const after = fromCursor(args.after);
          const start = after === null ? 0 : ids.findIndex((id) => id > after);
          const page = start < 0 ? [] : ids.slice(start, start + args.first);
          return {
            totalCount: ids.length,
            edges: page.map((id) => ({ cursor: toCursor(id), node: resolvePerson(context, id, personIdKey) })),
            pageInfo: {
              hasNextPage: start >= 0 && start + args.first < ids.length,
              hasPreviousPage: start > 0,
              startCursor: page.length ? toCursor(page[0]!) : null,
              endCursor: page.length ? toCursor(page[page.length - 1]!) : null,
            },
          };
        },
        thirdParties: () => registry.all.map((tp) => toThirdParty(tp, tp.scopes)),
      },
      Mutation: {
        grantConsent: async (_root, args: GrantArgs, context: IdentityContext) => {
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
            throw badInput(
              'CONSENT_ALREADY_ACTIVE',
              'grantee',
              `Consent ${error.existingId} to ${checked.grantee.name} is still active: revoke it first to give a new one.`,
              { cause: error },
            );
          }
        },
        revokeConsent: async (_root, args: { id: string }, context: IdentityContext) => {
          const me = resolveMe(context.token, personIdKey);
          const revoked = await fromStore('consents', () => consents.revoke(me.id, args.id, now()));
          if (!revoked) throw badInput('CONSENT_NOT_FOUND', 'id', `You have no consent with the id "${args.id}"; see me.consents.`);
          return revoked;
        },
      },
      Person: {
        __resolveReference: (reference: { id: string }, context: IdentityContext) =>
          resolvePerson(context, reference.id, personIdKey),
        identity: toIdentity,
        consents: (person: PersonSource) => fromStore('consents', () => consents.ofPerson(person.id)),
        accessJournal: async (person: PersonSource, args: PageArgs) => {
          checkPageSize(args.first);
          const after = fromCursor(args.after);
          if (after !== null && !/^\d+$/.test(after)) throw badInput('INVALID_PAGE', 'after', 'after is not a cursor this list gave.');
          const page = await fromStore('journal', () => journal.page(person.id, args.first, after));
          const [first, last] = [page.entries[0], page.entries[page.entries.length - 1]];
          return {
            edges: page.entries.map((entry) => ({ cursor: toCursor(entry.id), node: entry })),
            pageInfo: {
              hasNextPage: page.hasNextPage,
              // Entries are only ever added: anything before `after` is newer, so it exists.
              hasPreviousPage: after !== null,
              startCursor: first ? toCursor(first.id) : null,
              endCursor: last ? toCursor(last.id) : null,
            },
          };
        },
      },
      Consent: {
        grantee: (consent: Consent) => toThirdParty(consent.grantee, registry.get(consent.grantee.clientId)?.scopes ?? []),
        status: (consent: Consent) => statusOf(consent, now()),
      },
      AccessJournalEntry: {
        reader: (entry: JournalEntry) => toThirdParty(entry.reader, registry.get(entry.reader.clientId)?.scopes ?? []),
      },
    },
  });
}

interface GrantArgs {
  grantee: string;
  scopes: string[];
  purpose: { code: string; text: string };
  /** ISO 8601, as the DateTime scalar normalises it. */
  expiresAt?: string | null;
  durationMonths?: number | null;
}
