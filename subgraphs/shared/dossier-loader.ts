import DataLoader from 'dataloader';
import { z } from 'zod';
import type { Pivot } from '../../contract/pivot.ts';
import type { AgencyClient } from './agency-client.ts';
import { AgencyError } from './errors.ts';
import { identiteFromPivot } from '../../contract/identite.ts';
import { pivotKey } from './identity-query.ts';

/** Agencies accept at most this many identities in one batch call. */
const MAX_BATCH = 500;

/**
 * Makes the per-request loaders of a person's file at one agency: every lookup of one request
 * goes in one batch call (`POST /v1/dossiers/batch`), each identity once. A loader resolves to
 * null when the agency does not know the person, which is a normal answer and not an error.
 * The answer's schema is built here, once per subgraph: zod compiles each new schema on first
 * use, which profiles showed as a large share of a subgraph's time when built per request.
 */
export function dossierLoaders<D extends z.ZodType>(
  client: AgencyClient,
  dossier: D,
): () => DataLoader<Pivot, z.infer<D> | null, string> {
  const batchAnswer = z.object({
    data: z.array(
      z.discriminatedUnion('found', [
        z.object({ found: z.literal(true), data: dossier }),
        z.object({ found: z.literal(false), error: z.object({ code: z.string() }) }),
      ]),
    ),
  });
  return () =>
    new DataLoader(
      async (pivots) => {
        const answer = await client.request({
          method: 'POST',
          path: '/v1/dossiers/batch',
          body: { identites: pivots.map(identiteFromPivot) },
          schema: batchAnswer,
          idempotent: true,
        });
        if (!answer.ok) throw new AgencyError('AGENCY_BAD_RESPONSE', client.agency, 'unexpected batch refusal');
        const results = answer.data.data;
        if (results.length !== pivots.length) {
          throw new AgencyError(
            'AGENCY_BAD_RESPONSE',
            client.agency,
            `${client.agency} answered ${results.length} results for ${pivots.length} identities`,
          );
        }
        return results.map((result) => ('data' in result ? (result.data as z.infer<D>) : null));
      },
      { cacheKeyFn: pivotKey, maxBatchSize: MAX_BATCH },
    );
}
