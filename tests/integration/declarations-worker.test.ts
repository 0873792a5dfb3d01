import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type Server } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { openDatabase, type Database } from '../../common/database.ts';
import { Lifecycle } from '../../common/lifecycle.ts';
import { createLogger } from '../../common/observability/logging.ts';
import { createJobQueue, type JobQueue } from '../../common/queue/job-queue.ts';
import { SealedBox } from '../../common/sealed-box.ts';
import type { RunningService } from '../../common/service.ts';
import { personaPivot } from '../../mocks/population/index.ts';
import { DECLARATION_SEAL, DELIVERY_QUEUE, deliveryJobId, type DeliveryJob } from '../../subgraphs/identity/declarations/declarations.ts';
import { DeclarationStore } from '../../subgraphs/identity/store/declarations.ts';
import { migrate } from '../../subgraphs/identity/store/migrations.ts';
import { workerService } from '../../worker/service.ts';
import { dropSchema, uniqueSchema } from '../support/database.ts';

// The worker when an agency's subgraph never answers: once the job's retries are spent, the
// delivery ends UNDELIVERED and the sealed change goes, so nothing outlives the retry window.
const url = process.env.DATABASE_URL;
const schema = uniqueSchema();
const KEY = 'a-test-declaration-key-0123456789abcdef';
const logger = createLogger({ service: 'test', level: 'silent' });
let database: Database;
let queue: JobQueue;
let worker: RunningService;
let silent: Server;

beforeAll(async () => {
  database = await openDatabase({ url, schema });
  await migrate(database);
  queue = await createJobQueue({ database, schema: `${schema}_jobs`, logger, maintenance: false });
  // A subgraph that accepts connections and never answers.
  silent = createServer(() => undefined).listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
  const port = (silent.address() as { port: number }).port;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const config = workerService.readConfig({
    PLATFORM_ENV: 'development',
    ...(url ? { DATABASE_URL: url } : {}),
    DATABASE_SCHEMA: schema,
    DECLARATION_ENCRYPTION_KEY: KEY,
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(await exportJWK(privateKey)),
    FAMILY_SUBGRAPH_URL: `http://127.0.0.1:${port}/graphql`,
    SUBGRAPH_TIMEOUT_MS: '300',
    WORKER_PORT: '0',
    WORKER_POLL_INTERVAL_SECONDS: '0.5',
  });
  worker = await workerService.start(config, { logger, lifecycle: new Lifecycle(), processMetrics: false, clock: () => new Date() });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await queue?.stop();
  await database?.close();
  silent?.close();
  if (url) {
    await dropSchema(url, `${schema}_jobs`);
    await dropSchema(url, schema);
  }
});

it('ends a delivery UNDELIVERED once its retries are spent, and forgets the change', async () => {
  const store = new DeclarationStore(database);
  const box = new SealedBox(KEY, DECLARATION_SEAL);
  const change = { kind: 'EMAIL', email: 'karim@example.org' } as const;
  const { declaration } = await store.declare({
    personId: 'person-1',
    idempotencyKey: 'k1',
    kind: 'EMAIL',
    agencies: ['caf'],
    declaredAt: new Date(),
    seal: (id) => box.seal({ pivot: personaPivot('karim.benali'), change }, id),
  });
  await queue.send<DeliveryJob>(DELIVERY_QUEUE, { declarationId: declaration.id, agency: 'caf' }, { id: deliveryJobId(declaration.id, 'caf'), retryLimit: 1, retryDelaySeconds: 1 });

  let current = declaration;
  for (let i = 0; i < 150 && current.deliveries[0]!.status === 'PENDING'; i++) {
    await sleep(100);
    current = (await store.get(declaration.id))!;
  }
  expect(current.deliveries).toEqual([{ agency: 'caf', status: 'UNDELIVERED', reason: null, answeredAt: expect.any(Date) }]);
  expect(current.sealed).toBeNull();
  expect(await queue.find(DELIVERY_QUEUE, deliveryJobId(declaration.id, 'caf'))).toMatchObject({ state: 'completed', retryCount: 1 });
}, 30_000);
