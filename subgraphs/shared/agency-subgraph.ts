import type DataLoader from 'dataloader';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import type { z } from 'zod';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { Pivot } from '../../contract/pivot.ts';
import type { CallPolicySettings } from '../../common/resilience/policy.ts';
import { AgencyClient } from './agency-client.ts';
import { actionError } from './action-errors.ts';
import { registerDeliveryRoute } from './change-delivery.ts';
import { AGENCY_LABEL } from './agencies.ts';
import { authorizePerson, type PersonReference } from './authorize.ts';
import { actingCitizen, type ActingCitizen } from './citizen.ts';
import { dossierLoaders } from './dossier-loader.ts';
import { AgencyError } from './errors.ts';
import { Mailbox, type InboxMessage } from './mailbox.ts';
import { DateScalar, DateTimeScalar, EuroCentsScalar } from '../../contract/scalars.ts';
import type { ScopedContext } from '../../common/subgraph/scopes.ts';
import { buildSubgraph } from '../../common/subgraph/server.ts';
import type { AgencyName } from './errors.ts';
import type { TimelineEvent } from './timeline-event.ts';

export interface AgencyContext<D> extends ScopedContext {
  dossiers: DataLoader<Pivot, D | null, string>;
  mailboxes: DataLoader<string, InboxMessage[]>;
  /** The day rules are evaluated at (YYYY-MM-DD), fixed for the whole request. */
  today: string;
}

/** What an agency subgraph needs from its configuration. */
export interface AgencySubgraphDeps {
  agencyUrl: string;
  agencyApiKey: string;
  agencyTimeoutMs: number;
  /** Retries, circuit and concurrency limit of the agency calls; defaults in agency-resilience.ts. */
  agencyResilience?: Partial<CallPolicySettings>;
  tokenKey: VerificationKey;
  personIdKey: string;
  /** The clock rules are evaluated with; tests fix it. */
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

/** The agency's file behind a section, kept on the section for the fields computed from it. */
export interface AgencyFile<D> {
  dossier: D;
  person: PersonReference;
}

const FILE = Symbol('agency file');

/** Tools the subgraph's own resolvers build on. */
export interface AgencyKit<D> {
  client: AgencyClient;
  /** The file a section was mapped from. */
  fileOf(section: object): AgencyFile<D>;
  /** The signed-in citizen acting on their own rights; refuses anyone else. */
  citizen(context: AgencyContext<D>): ActingCitizen;
  /** The signed-in citizen and their file here; refuses anyone else, and a person unknown to the agency. */
  citizenFile(context: AgencyContext<D>): Promise<{ citizen: ActingCitizen; dossier: D }>;
}

export interface AgencySubgraphOptions<S extends z.ZodType, Section extends object> extends AgencySubgraphDeps {
  /** Subgraph name and token audience (`training`, `retirement`…). */
  name: string;
  sdl: string;
  agency: AgencyName;
  /** The `Person` field this subgraph adds (`training`…); `<section>Outcome` says how reading it went. */
  section: string;
  /** Schema type of the section (`TrainingRights`), which carries `events` and `messages`. */
  sectionType: string;
  /** Scope needed to read the section (`training:read`…). */
  scope: string;
  /** Shape of the agency's file for a person, validated before use. */
  dossier: S;
  /** The agency's identifier of the file, for the routes that take it. */
  dossierId: (dossier: z.infer<S>) => string;
  /** Maps the agency's file to the public section; `today` is YYYY-MM-DD. */
  toSection: (dossier: z.infer<S>, person: PersonReference, today: string) => Section;
  /** The file's events for the timeline, none after `today`. */
  toEvents: (dossier: z.infer<S>, today: string) => TimelineEvent[];
  /** Names of this agency's mailbox mutations. */
  mailboxMutations: { send: string; markRead: string };
  /** The subgraph's own queries, mutations and computed fields, typed from its SDL (its generated `Resolvers`). */
  resolvers?: (kit: AgencyKit<z.infer<S>>) => ResolverMap;
}

/**
 * The four agency subgraphs share one shape: `Person` gets one nullable section, read from
 * the agency through a per-request batch loader and mapped to the public schema, with its
 * timeline events and mailbox for the account subgraph, and the mailbox mutations.
 */
export async function buildAgencySubgraph<S extends z.ZodType, Section extends object>(
  options: AgencySubgraphOptions<S, Section>,
): Promise<FastifyInstance> {
  type D = z.infer<S>;
  type Context = AgencyContext<D>;
  const now = options.now ?? (() => new Date());
  const telemetry = options.telemetry ?? new Telemetry({ service: options.name });
  telemetry.addPeer(options.agencyUrl, { kind: 'agency', name: options.agency });
  const client = new AgencyClient({
    agency: options.agency,
    baseUrl: options.agencyUrl,
    apiKey: options.agencyApiKey,
    timeoutMs: options.agencyTimeoutMs,
    resilience: options.agencyResilience,
  });
  const mailbox = new Mailbox(client);
  const newDossierLoader = dossierLoaders(client, options.dossier);

  const fileOf = (section: object): AgencyFile<D> => (section as { [FILE]: AgencyFile<D> })[FILE];
  const kit: AgencyKit<D> = {
    client,
    fileOf,
    citizen: (context) => actingCitizen(context.token, options.personIdKey),
    citizenFile: async (context) => {
      const citizen = kit.citizen(context);
      const dossier = await context.dossiers.load(citizen.pivot);
      if (dossier === null) {
        throw actionError('NOT_KNOWN_TO_AGENCY', `${capitalised(AGENCY_LABEL[options.agency])} has no file for you.`, {
          agency: options.agency,
        });
      }
      return { citizen, dossier };
    },
  };
  const readSection = async (person: PersonReference, context: Context) => {
    authorizePerson(context.token, person, options.scope, options.personIdKey);
    const dossier = await context.dossiers.load(person.pivot);
    if (dossier === null) return null;
    return Object.assign(options.toSection(dossier, person, context.today), { [FILE]: { dossier, person } });
  };

  // The section's field names come from the options: the four subgraphs' generated types cannot name them here.
  const shared: ResolverMap = {
    Date: DateScalar,
    EuroCents: EuroCentsScalar,
    DateTime: DateTimeScalar,
    Person: {
      __resolveReference: (reference: PersonReference) => reference,
      [options.section]: (person: PersonReference, _args: unknown, context: Context) => readSection(person, context),
      [`${options.section}Outcome`]: (person: PersonReference, _args: unknown, context: Context) =>
        outcomeOf(readSection(person, context)),
    },
    [options.sectionType]: {
      events: (section: object, _args: unknown, context: Context) => options.toEvents(fileOf(section).dossier, context.today),
      messages: (section: object, _args: unknown, context: Context) =>
        context.mailboxes.load(options.dossierId(fileOf(section).dossier)),
    },
    Mutation: {
      [options.mailboxMutations.send]: async (_root: unknown, args: { input: { subject: string; body: string } }, context: Context) => {
        const { dossier } = await kit.citizenFile(context);
        return mailbox.send(options.dossierId(dossier), args.input);
      },
      [options.mailboxMutations.markRead]: async (_root: unknown, args: { messageId: string }, context: Context) => {
        const { dossier } = await kit.citizenFile(context);
        return mailbox.markRead(options.dossierId(dossier), args.messageId);
      },
    },
  };

  return buildSubgraph<Context>({
    name: options.name,
    sdl: options.sdl,
    tokenKey: options.tokenKey,
    telemetry,
    lifecycle: options.lifecycle,
    createContext: (base) => ({
      ...base,
      dossiers: newDossierLoader(),
      mailboxes: mailbox.loader(),
      today: now().toISOString().slice(0, 10),
    }),
    onClose: () => client.close(),
    routes: (app) =>
      registerDeliveryRoute(app, {
        subgraph: options.name,
        tokenKey: options.tokenKey,
        client,
        findDossier: async (pivot) => {
          const dossier = await newDossierLoader().load(pivot);
          return dossier === null ? null : options.dossierId(dossier);
        },
      }),
    resolvers: mergeResolvers(shared, options.resolvers?.(kit) ?? {}),
  });
}

type SectionOutcome = 'FOUND' | 'NOT_FOUND' | 'FAILED' | 'DENIED';

/**
 * Reads the section as `Person.<section>` does (the loader makes it one agency call) but never
 * fails for an agency or an access refusal: the section itself carries that error to the client.
 */
async function outcomeOf(section: Promise<object | null>): Promise<SectionOutcome> {
  try {
    return (await section) === null ? 'NOT_FOUND' : 'FOUND';
  } catch (error) {
    if (error instanceof AgencyError) return 'FAILED';
    if (error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN') return 'DENIED';
    throw error;
  }
}

/** Resolvers by type name: a scalar, or fields by name. */
type ResolverMap = Readonly<Record<string, object | undefined>>;

/** Merges resolver maps type by type; the second map adds fields to the first. */
function mergeResolvers(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const merged: Record<string, object | undefined> = { ...base };
  for (const [type, fields] of Object.entries(extra)) {
    merged[type] = fields instanceof GraphQLScalarType ? fields : { ...merged[type], ...fields };
  }
  return merged;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
