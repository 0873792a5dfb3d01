import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { cafDossier } from './client.ts';
import { toFamilyEvents } from './events.ts';
import { toFamilyBenefits } from './resolvers.ts';

/** The family subgraph: `Person.family`, read from the CAF, and the CAF mailbox. */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'family',
    sdl: await readSubgraphSdl('family'),
    agency: 'caf',
    section: 'family',
    sectionType: 'FamilyBenefits',
    scope: 'family:read',
    dossier: cafDossier,
    dossierId: (dossier) => dossier.numero_allocataire,
    toSection: toFamilyBenefits,
    toEvents: toFamilyEvents,
    mailboxMutations: { send: 'sendMessageToCaf', markRead: 'markCafMessageRead' },
  });
}
