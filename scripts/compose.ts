import { writeFile } from 'node:fs/promises';
import { composeSchemas, SUPERGRAPH_PATH } from '../schemas/compose.ts';

// Writes schemas/supergraph.graphql from the subgraph SDLs; fails loudly on any composition error.
const { supergraphSdl } = await composeSchemas();
await writeFile(SUPERGRAPH_PATH, supergraphSdl);
console.log(`wrote ${SUPERGRAPH_PATH}`);
