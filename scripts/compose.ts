import { writeFile } from 'node:fs/promises';
import { readModuleRegistry } from '../common/modules.ts';
import { composeSchemas, SUPERGRAPH_PATH } from '../schemas/compose.ts';

// Writes schemas/supergraph.graphql from the subgraph SDLs; fails loudly on any composition error.
// A refused module entry is named and left out; the others are composed.
const { modules, refused } = readModuleRegistry();
for (const { message } of refused) console.warn(`${message}: left out of the supergraph`);
const { supergraphSdl } = await composeSchemas(modules);
await writeFile(SUPERGRAPH_PATH, supergraphSdl);
console.log(`wrote ${SUPERGRAPH_PATH}`);
