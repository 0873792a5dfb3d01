import { writeFile } from 'node:fs/promises';
import { MANIFEST_PATH, buildManifest } from '../operations/collect.ts';

// Writes operations/manifest.json, the allowlist of production mode, from operations/**/*.graphql.
const manifest = await buildManifest();
await writeFile(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${MANIFEST_PATH} (${manifest.operations.length} operations)`);
