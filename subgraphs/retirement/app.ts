import type { FastifyInstance } from 'fastify';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { buildAgencySubgraph, type AgencySubgraphDeps } from '../shared/agency-subgraph.ts';
import { rgcuDossier } from './client.ts';
import { toRetirementEvents } from './events.ts';
import { retirementResolvers, toRetirementRecord } from './resolvers.ts';

/** The retirement subgraph: `Person.retirement`, read from the CNAV career register (RGCU), and its mailbox. */
export async function build(deps: AgencySubgraphDeps): Promise<FastifyInstance> {
  return buildAgencySubgraph({
    ...deps,
    name: 'retirement',
    sdl: await readSubgraphSdl('retirement'),
    agency: 'rgcu',
    section: 'retirement',
    sectionType: 'RetirementRecord',
    scope: 'retirement:read',
    dossier: rgcuDossier,
    dossierId: (dossier) => dossier.id,
    toSection: toRetirementRecord,
    toEvents: toRetirementEvents,
    mailboxMutations: { send: 'sendMessageToRgcu', markRead: 'markRgcuMessageRead' },
    resolvers: retirementResolvers,
  });
}
