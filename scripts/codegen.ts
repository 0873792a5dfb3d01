import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { operationTypeFile } from './operation-types.ts';
import { resolverTypeFiles } from '../schemas/resolver-types.ts';

// `npm run codegen`: the generated types, not committed. `npm run typecheck`, `npm run build`
// and `npm run build:web` run it first.

const ROOT = new URL('../', import.meta.url);

/** Writes the files whose content changed (an unchanged file keeps its time, and tsc its cache). */
export async function writeGeneratedTypes(): Promise<string[]> {
  const written: string[] = [];
  for (const file of [...(await resolverTypeFiles()), await operationTypeFile()]) {
    const target = fileURLToPath(new URL(file.path, ROOT));
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === file.content) continue;
    await writeFile(target, file.content);
    written.push(file.path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeGeneratedTypes();
  console.log(written.length ? `wrote ${written.join(', ')}` : 'generated types up to date');
}
