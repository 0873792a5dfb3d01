import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { cafDossier } from './client.ts';
import { toFamilyBenefits } from './resolvers.ts';

/** The family subgraph: `Person.family`, read from the CAF. */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'family',
    sdl: await readSubgraphSdl('family'),
    agency: 'caf',
    section: 'family',
    dossier: cafDossier,
    toSection: toFamilyBenefits,
  });
}
