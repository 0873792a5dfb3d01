import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { cpfDossier } from './client.ts';
import { toTrainingRights } from './resolvers.ts';

/** The training subgraph: `Person.training`, read from the Caisse des Dépôts (CPF, C2P, CEC). */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'training',
    sdl: await readSubgraphSdl('training'),
    agency: 'cpf',
    section: 'training',
    dossier: cpfDossier,
    toSection: toTrainingRights,
  });
}
