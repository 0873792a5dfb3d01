import type { SupergraphManager } from '@apollo/gateway';
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
      const onChange = async () => {
        try {
          const next = await readFile(options.path, 'utf8');
          if (next === current || next.trim() === '') return;
          update(next);
          current = next;
          options.onReload?.();
        } catch (error) {
          // A bad file keeps the last good supergraph in service.
          options.onReloadError?.(error);
        }
      };
      watchFile(options.path, { interval, persistent: false }, onChange);
      return {
        supergraphSdl: current,
        cleanup: async () => unwatchFile(options.path, onChange),
      };
    },
  };
}
