import { Pool } from 'undici';
import type { AgencyName } from '../contract/agencies.ts';
import {
  DECLARATIONS_WORKER,
  DELIVERING_SUBGRAPH,
  DELIVERY_PATH,
  deliveryAudience,
  type DeliveryAnswer,
  type DeliveryRequest,
} from '../contract/declarations.ts';
import { mintInternalToken } from '../contract/internal-token.ts';
import type { CryptoKey, KeyObject } from 'jose';
import type { QueuedJob } from '../common/queue/job-queue.ts';
import type { Logger } from '../common/observability/logging.ts';
import type { SealedBox } from '../common/sealed-box.ts';
import type { DeliveryJob, SealedDeclaration } from '../subgraphs/identity/declarations/declarations.ts';
import type { DeclarationStore } from '../subgraphs/identity/store/declarations.ts';

/** A delivery that did not get the agency's final word: thrown so the queue tries again later. */
export class DeliveryPending extends Error {
  override readonly name = 'DeliveryPending';
  constructor(
    readonly agency: AgencyName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DelivererDeps {
  store: DeclarationStore;
  box: SealedBox;
  signingKey: CryptoKey | KeyObject;
  keyId?: string;
  /** Each agency subgraph's base URL. */
  subgraphUrls: Record<AgencyName, string>;
  timeoutMs: number;
  logger: Logger;
  now: () => Date;
}

/**
 * Delivers one (declaration, agency) job: opens the sealed change, hands it to the agency's
 * subgraph under a token of the worker's own, and records the agency's final answer (which
 * drops the sealed change when it was the last). Anything short of an answer throws, and the
 * queue retries with backoff; the declaration's id as Idempotency-Key makes every retry safe.
 */
export function deliverer(deps: DelivererDeps) {
  const pools = new Map<AgencyName, Pool>();
  const poolOf = (agency: AgencyName) => {
    let pool = pools.get(agency);
    if (!pool) {
      pool = new Pool(deps.subgraphUrls[agency], { connections: 8, headersTimeout: deps.timeoutMs, bodyTimeout: deps.timeoutMs, connectTimeout: deps.timeoutMs });
      pools.set(agency, pool);
    }
    return pool;
  };

  async function call(agency: AgencyName, body: DeliveryRequest): Promise<DeliveryAnswer> {
    const token = await mintInternalToken(
      { actor: DECLARATIONS_WORKER, grants: {} },
      { key: deps.signingKey, keyId: deps.keyId, audience: deliveryAudience(DELIVERING_SUBGRAPH[agency]), lifetimeSeconds: 60 },
    );
    let status: number;
    let text: string;
    try {
      const response = await poolOf(agency).request({
        method: 'POST',
        path: DELIVERY_PATH,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (cause) {
      throw new DeliveryPending(agency, `the ${DELIVERING_SUBGRAPH[agency]} subgraph cannot be reached`, { cause });
    }
    if (status !== 200) {
      const code = (JSON.parse(text || '{}') as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;
      throw new DeliveryPending(agency, `the ${DELIVERING_SUBGRAPH[agency]} subgraph answered HTTP ${status}${code ? ` (${code})` : ''}`);
    }
    return JSON.parse(text) as DeliveryAnswer;
  }

  return {
    async handle(job: QueuedJob<DeliveryJob>): Promise<void> {
      const { declarationId, agency } = job.data;
      const declaration = await deps.store.get(declarationId);
      const delivery = declaration?.deliveries.find((d) => d.agency === agency);
      // Answered already (a job handed out twice), cancelled, or gone: nothing to send.
      if (!declaration || delivery?.status !== 'PENDING' || declaration.sealed === null) return;
      const { pivot, change } = deps.box.open<SealedDeclaration>(declaration.sealed, declaration.id);
      const answer = await call(agency, { pivot, change, idempotencyKey: declaration.id });
      const status = answer.outcome;
      await deps.store.answer(declaration.id, agency, status, answer.outcome === 'REFUSED' ? answer.reason : null, deps.now());
      // Ids and outcome only: never the change, the person or the agency's reason.
      deps.logger.info({ declaration: declaration.id, agency, outcome: status, attempt: job.retryCount + 1 }, 'declaration delivered');
    },
    /**
     * The job's retries are spent without the agency's answer: the delivery ends UNDELIVERED,
     * so the change is not kept beyond the retry window waiting for an agency that never came back.
     */
    async giveUp(job: QueuedJob<DeliveryJob>): Promise<void> {
      await deps.store.answer(job.data.declarationId, job.data.agency, 'UNDELIVERED', null, deps.now());
      deps.logger.warn({ declaration: job.data.declarationId, agency: job.data.agency, attempts: job.retryCount + 1 }, 'declaration undelivered: retries spent');
    },
    async close(): Promise<void> {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
