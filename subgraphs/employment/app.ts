import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { franceTravailDossier } from './client.ts';
import { toEmploymentRecord } from './resolvers.ts';

/** The employment subgraph: `Person.employment`, read from the France Travail. */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'employment',
    sdl: await readSubgraphSdl('employment'),
    agency: 'france-travail',
    section: 'employment',
    dossier: franceTravailDossier,
    toSection: toEmploymentRecord,
  });
}
