import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type SelectionSetNode } from 'graphql';
import { errorBody, PlatformError } from '../../contract/errors.ts';
import type { InternalClaims } from '../../contract/internal-token.ts';
import type { ModuleRegistration } from '../../common/modules.ts';
import { moduleKeyOf, pseudonymOf } from '../../common/pseudonym.ts';
import { READS_EXTENSION } from '../../contract/read-report.ts';
import type { GatewayContext } from './context.ts';
import { requestContextOf, SubgraphDataSource, type SubgraphDataSourceOptions } from './datasource.ts';

export interface ModuleDataSourceOptions extends SubgraphDataSourceOptions {
  /** Its registration; undefined for a subgraph in the supergraph that config/modules.json does not list. */
  module: ModuleRegistration | undefined;
  /** Why config/modules.json refuses its entry, when it does. */
  refusal?: string;
  /** The platform secret each module's pseudonym key is derived from. */
  pseudonymSecret: string;
}

/**
 * How the gateway calls a third-party module. The module never learns who the person is:
 * every `Person` representation leaves with its `id` replaced by the module's pairwise
 * pseudonym and without `pivot`; its token grants those pseudonyms only the scopes the module is
 * registered for that the caller also holds. Representations of other types (the module's own
 * entities, or another module's) are not about a person and go as they are, so they join as
 * Federation says. A subgraph not registered as a module is never called: composition does not
 * make it trusted.
 */
export class ModuleDataSource extends SubgraphDataSource {
  readonly #module: ModuleRegistration | undefined;
  readonly #refusal: string | undefined;
  readonly #key: string;
  /** Query text → the Person fields it asks for; the gateway's query plans repeat a handful of texts. */
  readonly #fieldsByQuery = new Map<string, string[]>();

  constructor(options: ModuleDataSourceOptions) {
    super(options);
    this.#module = options.module;
    this.#refusal = options.refusal;
    this.#key = moduleKeyOf(options.pseudonymSecret, options.name);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!this.#module) {
      const message = this.#refusal ?? `The ${this.options.name} module is not registered (config/modules.json).`;
      return errorBody(new PlatformError('MODULE_NOT_REGISTERED', { message, details: { serviceName: this.options.name } }));
    }
    const context = requestContextOf(options);
    if (context) this.#pseudonymise(options.request, context);
    return super.process(options);
  }

  /** The module's own grants: its pseudonyms, the scopes both it and the caller hold. */
  protected override claimsFor(context: GatewayContext): [InternalClaims, string] {
    const needed = this.#module?.scopes ?? [];
    const grants: Record<string, string[]> = {};
    for (const [personId, scopes] of Object.entries(context.claims.grants)) {
      const allowed = scopes.filter((scope) => (needed as readonly string[]).includes(scope));
      if (allowed.length > 0) grants[pseudonymOf(personId, this.#key)] = allowed;
    }
    return [{ actor: context.claims.actor, grants }, `${context.claimsKey}\u001fmodule`];
  }

  /** A module's own account of what it read is not evidence: the gateway journals what it sent instead. */
  protected override recordReads(_context: GatewayContext, response: GatewayGraphQLResponse): void {
    if (response.extensions) delete response.extensions[READS_EXTENSION];
  }

  #pseudonymise(request: GatewayGraphQLRequest, context: GatewayContext): void {
    const representations = request.variables?.representations;
    if (!Array.isArray(representations)) return;
    const query = request.query ?? '';
    const sections = this.#fieldsByQuery.get(query) ?? personFieldsOf(query);
    this.#fieldsByQuery.set(query, sections);
    request.variables = {
      ...request.variables,
      representations: representations.map((representation: Record<string, unknown>) => {
        if (representation.__typename !== 'Person') return representation;
        const { pivot: _pivot, id, ...rest } = representation;
        if (typeof id !== 'string') return rest;
        context.reads.record(id, sections);
        return { ...rest, id: pseudonymOf(id, this.#key) };
      }),
    };
  }
}

/** The `Person` fields an entity fetch asks the module for: what the journal records as read. */
function personFieldsOf(query: string): string[] {
  const fields: string[] = [];
  const collect = (selectionSet: SelectionSetNode | undefined, onPerson: boolean) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, selection.typeCondition?.name.value === 'Person');
      else if (selection.kind === Kind.FIELD) {
        if (onPerson && !selection.name.value.startsWith('__')) fields.push(selection.name.value);
        else if (selection.name.value === '_entities') collect(selection.selectionSet, false);
      }
    }
  };
  for (const definition of parse(query).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) collect(definition.selectionSet, false);
  }
  return fields;
}
