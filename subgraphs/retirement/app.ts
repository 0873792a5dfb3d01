import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { rgcuDossier } from './client.ts';
import { toRetirementRecord } from './resolvers.ts';

/** The retirement subgraph: `Person.retirement`, read from the CNAV career register (RGCU). */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'retirement',
    sdl: await readSubgraphSdl('retirement'),
    agency: 'rgcu',
    section: 'retirement',
    dossier: rgcuDossier,
    toSection: toRetirementRecord,
  });
}
