import { Kind, parse, visit, type DocumentNode, type SelectionSetNode } from 'graphql';

/** A module's SDL reaches for the identity pivot: it is refused before composition. */
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
 * A module must never receive the identity pivot: no `@key`, `@requires` or `@provides` may name
 * `pivot`, and it may not declare the `pivot` field or the `IdentityPivot` type (which would let
 * it ask for them). The gateway also strips `pivot` from what it sends; this stops it earlier.
 */
export function checkModuleSdl(module: string, sdl: DocumentNode): void {
  const problems: string[] = [];
  visit(sdl, {
    Directive(node) {
      if (!FIELD_SET_DIRECTIVES.has(node.name.value)) return;
      const fields = node.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind === Kind.STRING && mentionsPivot(parse(`{ ${fields.value} }`).definitions)) {
        problems.push(`@${node.name.value}(fields: "${fields.value}") names pivot`);
      }
    },
    FieldDefinition(node) {
      if (node.name.value === 'pivot') problems.push('declares a field named pivot');
    },
    ObjectTypeDefinition(node) {
      if (node.name.value === 'IdentityPivot') problems.push('declares the type IdentityPivot');
    },
    ObjectTypeExtension(node) {
      if (node.name.value === 'IdentityPivot') problems.push('extends the type IdentityPivot');
    },
  });
  if (problems.length > 0) throw new ModuleRejectedError(module, problems);
}

function mentionsPivot(definitions: DocumentNode['definitions']): boolean {
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) =>
      s.kind === Kind.FIELD ? s.name.value === 'pivot' || inSet(s.selectionSet) : s.kind === Kind.INLINE_FRAGMENT && inSet(s.selectionSet),
    );
  return definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && inSet(d.selectionSet));
}
