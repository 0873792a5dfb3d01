import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { franceTravailDossier } from './client.ts';
import { toEmploymentEvents } from './events.ts';
import { employmentResolvers, toEmploymentRecord } from './resolvers.ts';

/** The employment subgraph: `Person.employment`, read from France Travail, the monthly update and the mailbox. */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'employment',
    sdl: await readSubgraphSdl('employment'),
    agency: 'france-travail',
    section: 'employment',
    sectionType: 'EmploymentRecord',
    scope: 'employment:read',
    dossier: franceTravailDossier,
    dossierId: (dossier) => dossier.identifiant,
    toSection: toEmploymentRecord,
    toEvents: toEmploymentEvents,
    mailboxMutations: { send: 'sendMessageToFranceTravail', markRead: 'markFranceTravailMessageRead' },
    resolvers: employmentResolvers,
  });
}
