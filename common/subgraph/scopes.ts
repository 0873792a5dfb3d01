import { getDirective } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { forbidden, type PlatformError } from '../../contract/errors.ts';
import { hasGrant, type VerifiedToken } from '../../contract/internal-token.ts';
import type { ReadLog } from './read-log.ts';

/** What every subgraph's per-request context carries, whatever else it adds. */
export interface ScopedContext {
  token: VerifiedToken;
  reads: ReadLog;
}

/**
 * Federation's `@requiresScopes(scopes: [[…]])`: any one inner list, all of its scopes. Routers
 * may enforce it; each subgraph enforces it again itself, so a call that bypasses the gateway,
 * or a token minted too wide, still reads nothing it should not.
 */
type ScopeRequirement = string[][];

/**
 * Wraps, in place, the resolver of every field declaring `@requiresScopes`. On an entity
 * (`Person`, keyed by `id`) the token must hold the scopes for that very person, and the read
 * is logged for the access journal; elsewhere (root fields) it must hold them for someone.
 * In place rather than rebuilt with mapSchema: @apollo/subgraph keeps `__resolveReference` on
 * the type objects, which a rebuilt schema would lose.
 */
export function enforceRequiredScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const entity = isEntity(schema, type);
    for (const field of Object.values(type.getFields())) {
      const requirement = requiredScopesOf(schema, field);
      if (requirement) guard(field as GraphQLField<unknown, ScopedContext>, requirement, entity);
    }
  }
  return schema;
}

function requiredScopesOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): ScopeRequirement | undefined {
  const [directive] = getDirective(schema, field, 'requiresScopes') ?? [];
  return directive ? (directive.scopes as ScopeRequirement) : undefined;
}

function isEntity(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return (getDirective(schema, type, 'key') ?? []).some((key) => key.fields === 'id');
}

function guard(field: GraphQLField<unknown, ScopedContext>, requirement: ScopeRequirement, entity: boolean): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    if (entity) {
      const personId = (source as { id?: unknown } | null)?.id;
      if (typeof personId !== 'string') throw forbidden('This access does not cover this person.');
      authorize(context.token, requirement, (scope) => hasGrant(context.token, personId, scope));
      context.reads.record(personId, field.name);
    } else {
      authorize(context.token, requirement, (scope) => Object.values(context.token.grants).some((s) => s.includes(scope)));
    }
    return resolve(source, args, context, info);
  };
}

function authorize(token: VerifiedToken, requirement: ScopeRequirement, holds: (scope: string) => boolean): void {
  if (requirement.some((all) => all.every(holds))) return;
  throw scopeRefusal(token, requirement[0]?.find((scope) => !holds(scope)) ?? 'unknown');
}

/**
 * FORBIDDEN for a scope the token lacks here: named when the token holds it for no one, and
 * "this person" otherwise, so the message never says more about others than the caller knows.
 */
export function scopeRefusal(token: VerifiedToken, scope: string): PlatformError {
  const heldBySomeone = Object.values(token.grants).some((scopes) => scopes.includes(scope));
  return forbidden(heldBySomeone ? 'This access does not cover this person.' : `This access does not include the scope ${scope}.`);
}
