import type { SupergraphManager } from '@apollo/gateway';
import { Kind, parse, print, visit, type DirectiveNode } from 'graphql';
import { readFile } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';

export interface SupergraphFileOptions {
  path: string;
  /** How often the file is checked for changes. */
  pollIntervalMs?: number;
  onReload?: () => void;
  onReloadError?: (error: unknown) => void;
}

/**
 * Serves the composed supergraph from a file and hands every change to the gateway, so a
 * recomposed supergraph (a new module, a changed subgraph) needs no restart. Polling the
 * file's stat survives editors and deploys that replace the file rather than write it.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphManager {
  const interval = options.pollIntervalMs ?? 1000; // 1 s
  return {
    async initialize({ update }) {
      let current = await readFile(options.path, 'utf8');
      const load = (sdl: string) => withoutScopeDirectives(sdl);
      const onChange = async () => {
        try {
          const next = await readFile(options.path, 'utf8');
          if (next === current || next.trim() === '') return;
          update(load(next));
          current = next;
          options.onReload?.();
        } catch (error) {
          // A bad file keeps the last good supergraph in service.
          options.onReloadError?.(error);
        }
      };
      watchFile(options.path, { interval, persistent: false }, onChange);
      return {
        supergraphSdl: load(current),
        cleanup: async () => unwatchFile(options.path, onChange),
      };
    },
  };
}

const REQUIRES_SCOPES_SPEC = 'https://specs.apollo.dev/requiresScopes/';

/**
 * The supergraph declares field scopes with Federation's `@requiresScopes`, which a router can
 * enforce at the edge. Apollo's JS gateway cannot, and so refuses any supergraph linking that
 * SECURITY feature. Here every subgraph enforces its fields' scopes itself (subgraphs/shared/
 * scopes.ts), so the gateway is given the supergraph without the directive; the file keeps it.
 */
export function withoutScopeDirectives(supergraphSdl: string): string {
  if (!supergraphSdl.includes(REQUIRES_SCOPES_SPEC)) return supergraphSdl;
  const isScopeLink = (node: DirectiveNode) =>
    node.name.value === 'link' &&
    node.arguments?.some((a) => a.name.value === 'url' && a.value.kind === Kind.STRING && a.value.value.startsWith(REQUIRES_SCOPES_SPEC));
  return print(
    visit(parse(supergraphSdl), {
      Directive: (node) => (node.name.value === 'requiresScopes' || isScopeLink(node) ? null : undefined),
      DirectiveDefinition: (node) => (node.name.value === 'requiresScopes' ? null : undefined),
      ScalarTypeDefinition: (node) => (node.name.value === 'requiresScopes__Scope' ? null : undefined),
    }),
  );
}
