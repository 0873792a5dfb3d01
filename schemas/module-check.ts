import { Kind, parse, visit, type DirectiveNode, type DocumentNode, type SelectionSetNode, type TypeNode, type ValueNode } from 'graphql';
import type { ModuleRegistration } from '../common/modules.ts';

/** A module's SDL reaches for what modules may not have: it is refused before composition. */
export class ModuleRejectedError extends Error {
  readonly code = 'MODULE_REJECTED';
  constructor(
    readonly module: string,
    readonly problems: string[],
  ) {
    super(`Module ${module} is refused:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** Directives whose `fields` argument makes the gateway send fields to a subgraph. */
const FIELD_SET_DIRECTIVES = new Set(['key', 'requires', 'provides']);

/**
 * What a module may be sent is checked here, before composition:
 * - never the identity pivot: no `@key`, `@requires` or `@provides` names `pivot`, and the module
 *   declares neither a `pivot` field nor the `IdentityPivot` type (the gateway also strips it);
 * - nothing internal to the platform: no field set names a field the platform marks
 *   `@inaccessible` (agencies' mailboxes, section outcomes);
 * - no scope beyond its registration: every `@requiresScopes` it declares, which composition
 *   makes cover whatever its `@requires` reads, uses only scopes it is registered for.
 */
export function checkModuleSdl(module: Pick<ModuleRegistration, 'name' | 'scopes'>, sdl: DocumentNode, platform: readonly DocumentNode[] = []): void {
  const problems: string[] = [];
  const internal = inaccessibleFieldsOf(platform);
  const fieldTypes = fieldTypesOf(sdl);
  let parentType = '';
  visit(sdl, {
    ObjectTypeDefinition: {
      enter(node) {
        parentType = node.name.value;
        if (node.name.value === 'IdentityPivot') problems.push('declares the type IdentityPivot');
      },
    },
    ObjectTypeExtension: {
      enter(node) {
        parentType = node.name.value;
        if (node.name.value === 'IdentityPivot') problems.push('extends the type IdentityPivot');
      },
    },
    FieldDefinition(node) {
      if (node.name.value === 'pivot') problems.push('declares a field named pivot');
    },
    Directive(node) {
      if (node.name.value === 'requiresScopes') {
        const beyond = scopesOf(node).filter((scope) => !(module.scopes as readonly string[]).includes(scope));
        if (beyond.length > 0) problems.push(`@requiresScopes names ${[...new Set(beyond)].join(', ')}, beyond its registration`);
        return;
      }
      if (!FIELD_SET_DIRECTIVES.has(node.name.value)) return;
      const fields = node.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) return;
      const named = namedFields(parentType, parse(`{ ${fields.value} }`).definitions, fieldTypes);
      const where = `@${node.name.value}(fields: "${fields.value}")`;
      if (named.some(([, field]) => field === 'pivot')) problems.push(`${where} names pivot`);
      for (const [type, field] of named) {
        if (internal.has(`${type}.${field}`)) problems.push(`${where} names ${type}.${field}, internal to the platform`);
      }
    },
  });
  if (problems.length > 0) throw new ModuleRejectedError(module.name, problems);
}

function scopesOf(node: DirectiveNode): string[] {
  const scopes = node.arguments?.find((a) => a.name.value === 'scopes')?.value;
  const strings: string[] = [];
  const walk = (value: ValueNode | undefined) => {
    if (value?.kind === Kind.LIST) value.values.forEach(walk);
    else if (value?.kind === Kind.STRING) strings.push(value.value);
  };
  walk(scopes);
  return strings;
}

/** `Type.field` of every field the platform's subgraphs mark @inaccessible. */
function inaccessibleFieldsOf(platform: readonly DocumentNode[]): Set<string> {
  const fields = new Set<string>();
  for (const document of platform) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of definition.fields ?? []) {
        if (field.directives?.some((d) => d.name.value === 'inaccessible')) fields.add(`${definition.name.value}.${field.name.value}`);
      }
    }
  }
  return fields;
}

/** The module's own view of types: `Type.field` → the named type of the field. */
function fieldTypesOf(sdl: DocumentNode): Map<string, string> {
  const types = new Map<string, string>();
  const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
  for (const definition of sdl.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) types.set(`${definition.name.value}.${field.name.value}`, named(field.type));
  }
  return types;
}

/** Every `[Type, field]` a field set selects, following the module's types downwards. */
function namedFields(root: string, definitions: DocumentNode['definitions'], types: Map<string, string>): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (type: string, set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        found.push([type, selection.name.value]);
        walk(types.get(`${type}.${selection.name.value}`) ?? '', selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.typeCondition?.name.value ?? type, selection.selectionSet);
      }
    }
  };
  for (const definition of definitions) if (definition.kind === Kind.OPERATION_DEFINITION) walk(root, definition.selectionSet);
  return found;
}
