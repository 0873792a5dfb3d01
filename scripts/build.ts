// `npm run build`: what the two images run, compiled (tsconfig.build.json → dist/platform,
// tsconfig.mocks.json → dist/mocks), each with the data files of the folders it compiled (SDL,
// persisted operations, registries, GraphiQL) and, for the platform, the built web app; the
// platform's processes then bundled, one file per entry point (scripts/bundle.ts).
import { execFileSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntries, PLATFORM_ENTRIES } from './bundle.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const IMAGES = [
  { project: 'tsconfig.build.json', out: 'dist/platform', data: ['config', 'schemas', 'operations', 'gateway'], webApp: true, bundle: PLATFORM_ENTRIES },
  { project: 'tsconfig.mocks.json', out: 'dist/mocks', data: ['config', 'schemas', 'modules', 'mocks'], webApp: false, bundle: [] },
];

/** Every file of `folder` that is not TypeScript nor documentation, relative to the root. */
async function dataFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !/\.(ts|md)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

if (!existsSync(join(ROOT, 'web/dist/index.html')) || !existsSync(join(ROOT, 'gateway/src/graphiql/vendor'))) {
  throw new Error('Build the web app and GraphiQL first: npm run build:web');
}
await rm(join(ROOT, 'dist'), { recursive: true, force: true });
for (const image of IMAGES) {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', image.project], { cwd: ROOT, stdio: 'inherit' });
  for (const folder of image.data) {
    for (const file of await dataFiles(folder)) await cp(join(ROOT, file), join(ROOT, image.out, file));
  }
  if (image.webApp) await cp(join(ROOT, 'web/dist'), join(ROOT, image.out, 'web/dist'), { recursive: true });
  await bundleEntries(join(ROOT, image.out), image.bundle);
}
