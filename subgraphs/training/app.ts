import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { cpfDossier } from './client.ts';
import { toTrainingEvents } from './events.ts';
import { toTrainingRights, trainingResolvers } from './resolvers.ts';

/**
 * The training subgraph: `Person.training`, read from the Caisse des Dépôts (CPF, C2P, CEC),
 * the public catalogue, enrolments, the CPF and C2P simulators and the mailbox.
 */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'training',
    sdl: await readSubgraphSdl('training'),
    agency: 'cpf',
    section: 'training',
    sectionType: 'TrainingRights',
    scope: 'training:read',
    dossier: cpfDossier,
    dossierId: (dossier) => dossier.id,
    toSection: toTrainingRights,
    toEvents: toTrainingEvents,
    mailboxMutations: { send: 'sendMessageToCpf', markRead: 'markCpfMessageRead' },
    resolvers: trainingResolvers,
  });
}
