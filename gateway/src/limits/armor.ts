import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { ProtectionSettings } from './settings.ts';

export interface QueryLimits<C extends BaseContext> {
  plugins: ApolloServerPlugin<C>[];
  validationRules: ValidationRule[];
}

/**
 * Depth, aliases, directives and cost, enforced by graphql-armor on every document before it
 * is planned. Introspection is exempt from depth and cost (it is off in production). Field
 * suggestions ("Did you mean …?") are masked in production: they map the schema. Tokens are
 * counted by graphql-js's own parser (`parseOptions.maxTokens`), which aborts a long document
 * as a syntax error (400); armor's token plugin throws from a hook, which Apollo answers 500.
 */
export function queryLimits<C extends BaseContext>({ query }: ProtectionSettings, persistedOnly: boolean): QueryLimits<C> {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: query.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: query.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: query.maxDirectives },
    costLimit: { maxCost: query.maxCost, ignoreIntrospection: true, flattenFragments: true },
    blockFieldSuggestion: { enabled: persistedOnly },
  }).protect();
  return { plugins: plugins as ApolloServerPlugin<C>[], validationRules: validationRules as ValidationRule[] };
}
