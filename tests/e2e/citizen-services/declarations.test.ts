import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { AGENCY_NAMES, type AgencyName } from '../../../contract/agencies.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import { AGENCY_ENV_PREFIX } from '../../../mocks/agencies/common/config.ts';
import { identiteFromPivot, identiteSearchParams, personaPivot } from '../../../mocks/population/index.ts';
import type { Browser } from '../../support/browser.ts';
import { dumpTables } from '../../support/database.ts';
import { controlAgency, logIn, resetAgency, startTestPlatform, TEST_TODAY, type GraphQLResponse } from '../../support/platform.ts';

// Tell us once, end to end on real servers: the gateways, the identity subgraph keeping the
// declaration sealed, the queue in the database, the worker, the agency subgraphs and the mock
// agencies. Sessions in Redis, so that two gateways serve one citizen.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `cdc-test-declarations-${randomUUID()}:`;
const API_KEYS = Object.fromEntries(AGENCY_NAMES.map((agency) => [agency, `test-${agency}-key-${randomUUID()}`])) as Record<AgencyName, string>;

const DECLARE = `mutation Declare($change: ChangeInput!, $agencies: [Agency!], $key: String!) {
  declareChange(change: $change, agencies: $agencies, idempotencyKey: $key) { id receiptNumber kind complete deliveries { agency status reason } }
}`;
const DECLARATIONS = `{ me { declarations(first: 10) { edges { node { id receiptNumber kind complete cancelledAt deliveries { agency status reason } } } } } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelDeclaration(id: $id) { id complete cancelledAt deliveries { agency status } } }`;

const ADDRESS = { line: '12 rue des Lilas', complement: 'Bâtiment B', postcode: '69003', city: 'Lyon', effectiveOn: '2026-12-01' };
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const ENUM: Record<AgencyName, string> = { cpf: 'CPF', rgcu: 'RGCU', caf: 'CAF', 'france-travail': 'FRANCE_TRAVAIL' };

let platform: RunningPlatform;
let secondGateway: string;
let karim: Browser;

beforeAll(async () => {
  platform = await startTestPlatform({
    env: {
      REDIS_URL,
      REDIS_KEY_PREFIX: REDIS_PREFIX,
      WORKER_POLL_INTERVAL_SECONDS: '0.5',
      DELIVERY_RETRY_DELAY_SECONDS: '1',
      ...Object.fromEntries(AGENCY_NAMES.map((agency) => [`${AGENCY_ENV_PREFIX[agency]}_API_KEY`, API_KEYS[agency]])),
    },
  });
  secondGateway = await platform.addGatewayInstance();
  karim = await logIn(platform, 'karim.benali');
}, 120_000);

afterAll(() => platform?.close());

async function graphqlAt(gatewayUrl: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const cookie = karim.cookieHeader(new URL(platform.gatewayUrl).origin);
  const response = await request(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.statusCode, body: (await response.body.json()) as GraphQLResponse['body'] };
}

const declare = (change: Record<string, unknown>, key: string, gateway = platform.gatewayUrl) => graphqlAt(gateway, DECLARE, { change, key });

async function agencyCall(agency: AgencyName, path: string): Promise<any> {
  const response = await request(`${platform.agencyUrls[agency]}${path}`, { headers: { 'x-api-key': API_KEYS[agency] } });
  return response.body.json();
}

/** Karim's file at each agency, as the agency reads it. */
async function karimsFile(agency: AgencyName): Promise<any> {
  const query = identiteSearchParams(identiteFromPivot(personaPivot('karim.benali'))).toString();
  const { data } = await agencyCall(agency, `/v1/dossiers/identite?${query}`);
  const id = data.id ?? data.numero_allocataire ?? data.identifiant;
  return (await agencyCall(agency, `/v1/dossiers/${id}/coordonnees`)).data;
}

async function changeRequests(): Promise<number> {
  let total = 0;
  for (const agency of AGENCY_NAMES) {
    const stats = (await (await request(`${platform.agencyUrls[agency]}/__control/stats`)).body.json()) as { requests_by_route: Record<string, number> };
    total += Object.entries(stats.requests_by_route).filter(([route]) => route.includes('changements')).reduce((sum, [, count]) => sum + count, 0);
  }
  return total;
}

async function declaration(id: string): Promise<any> {
  const { body } = await graphqlAt(platform.gatewayUrl, DECLARATIONS);
  return body.data.me.declarations.edges.map((edge: any) => edge.node).find((node: any) => node.id === id);
}

/** Polls the declaration until `done` holds, or fails after 30 s. */
async function until(id: string, done: (node: any) => boolean): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const node = await declaration(id);
    if (done(node)) return node;
    if (Date.now() > deadline) throw new Error(`declaration ${id} still ${JSON.stringify(node)}`);
    await sleep(200);
  }
}

const statusOf = (node: any) => Object.fromEntries(node.deliveries.map((d: any) => [d.agency, d.status]));

describe('tell us once', () => {
  it('refuses an invalid postcode or IBAN, naming the field, before anything is kept or sent', async () => {
    const postcode = await declare({ address: { ...ADDRESS, postcode: '6900' } }, 'bad-postcode');
    expect(postcode.body.errors).toEqual([
      {
        message: 'change.address.postcode must be a French postcode of 5 digits (got "6900").',
        path: ['declareChange'],
        extensions: { code: 'BAD_USER_INPUT', field: 'change.address.postcode', reason: 'INVALID_FORMAT', serviceName: 'identity' },
      },
    ]);
    const iban = await declare({ bankDetails: { iban: 'FR76 3000 6000 0112 3456 7890 188', bic: 'AGRIFRPP', effectiveOn: TEST_TODAY } }, 'bad-iban');
    expect(iban.body.errors).toEqual([
      {
        message: 'change.bankDetails.iban is not a valid IBAN: check its country code, length and check digits.',
        path: ['declareChange'],
        extensions: { code: 'BAD_USER_INPUT', field: 'change.bankDetails.iban', reason: 'INVALID_IBAN', serviceName: 'identity' },
      },
    ]);
    const two = await declare({ phone: { number: '0612345678' }, email: { address: 'karim@example.org' } }, 'two-changes');
    expect(two.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'change.email', reason: 'NOT_EXPECTED', serviceName: 'identity' });
    expect((await graphqlAt(platform.gatewayUrl, DECLARATIONS)).body).toEqual({ data: { me: { declarations: { edges: [] } } } });
    expect(await changeRequests()).toBe(0);
  });

  it('delivers a new address to the agencies up at once, to France Travail after it recovers, each exactly once, replays and two gateways included', async () => {
    await controlAgency(platform.agencyUrls['france-travail'], { fault: 'down' });
    const key = randomUUID();
    // The same declaration through two gateways at once, and again later: one declaration.
    const [first, second] = await Promise.all([declare({ address: ADDRESS }, key), declare({ address: ADDRESS }, key, secondGateway)]);
    expect(first.body.errors).toBeUndefined();
    const declared = first.body.data.declareChange;
    expect(second.body.data.declareChange.id).toBe(declared.id);
    expect(declared).toEqual({
      id: expect.any(String),
      receiptNumber: expect.stringMatching(/^DC-\d{4}-[0-9A-F]{10}$/),
      kind: 'ADDRESS',
      complete: false,
      deliveries: AGENCY_NAMES.map((agency) => ({ agency: ENUM[agency], status: 'PENDING', reason: null })).sort((a, b) => a.agency.localeCompare(b.agency)),
    });

    const threeDelivered = await until(declared.id, (node) => ['CPF', 'RGCU', 'CAF'].every((agency) => statusOf(node)[agency] === 'DELIVERED'));
    expect(statusOf(threeDelivered)).toEqual({ CAF: 'DELIVERED', CPF: 'DELIVERED', FRANCE_TRAVAIL: 'PENDING', RGCU: 'DELIVERED' });
    for (const agency of ['cpf', 'rgcu', 'caf'] as const) {
      expect((await karimsFile(agency)).adresse).toEqual({ ligne: '12 rue des Lilas', complement: 'Bâtiment B', code_postal: '69003', commune: 'Lyon' });
    }
    await sleep(1_500); // France Travail's delivery is tried and fails meanwhile
    expect(statusOf(await declaration(declared.id)).FRANCE_TRAVAIL).toBe('PENDING');

    await resetAgency(platform.agencyUrls['france-travail']);
    const replayed = await declare({ address: ADDRESS }, key);
    expect(replayed.body.data.declareChange.id).toBe(declared.id);
    const complete = await until(declared.id, (node) => node.complete);
    expect(statusOf(complete)).toEqual({ CAF: 'DELIVERED', CPF: 'DELIVERED', FRANCE_TRAVAIL: 'DELIVERED', RGCU: 'DELIVERED' });

    await sleep(1_500); // a duplicate delivery would land within a polling interval or two
    for (const agency of AGENCY_NAMES) {
      const file = await karimsFile(agency);
      expect([agency, file.adresse?.ligne, file.date_effet_adresse, file.changements.map((c: any) => c.type)]).toEqual([
        agency,
        '12 rue des Lilas',
        '2026-12-01',
        ['ADRESSE'],
      ]);
    }
  }, 60_000);

  it("brings an agency's refusal to the citizen with its reason", async () => {
    const { body } = await declare({ bankDetails: { iban: IBAN, bic: 'AGRIFRPP', effectiveOn: TEST_TODAY } }, randomUUID());
    const done = await until(body.data.declareChange.id, (node) => node.complete);
    expect(done.deliveries).toEqual([
      { agency: 'CAF', status: 'DELIVERED', reason: null },
      {
        agency: 'CPF',
        status: 'REFUSED',
        reason: "Le compte personnel de formation ne verse rien à son titulaire : la Caisse des Dépôts n'enregistre pas de coordonnées bancaires.",
      },
      { agency: 'FRANCE_TRAVAIL', status: 'DELIVERED', reason: null },
      { agency: 'RGCU', status: 'DELIVERED', reason: null },
    ]);
    expect((await karimsFile('caf')).coordonnees_bancaires).toEqual({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', date_effet: TEST_TODAY });
  }, 60_000);

  it("shows each agency's answer in the citizen's timeline, with the receipt number and never the change", async () => {
    const { body } = await graphqlAt(platform.gatewayUrl, `{ me { declarations(first: 10) { edges { node { receiptNumber kind } } } timeline(first: 100) { edges { node { agency kind title date } } } } }`);
    const [bank, address] = body.data.me.declarations.edges.map((edge: any) => edge.node.receiptNumber);
    const answers = body.data.me.timeline.edges.map((edge: any) => edge.node).filter((node: any) => node.kind === 'SITUATION_CHANGE');
    // Ordered by day, then by event id (which holds the declaration's random id): compared as sets.
    const byText = (a: any, b: any) => `${a.agency} ${a.title}`.localeCompare(`${b.agency} ${b.title}`);
    expect(answers.sort(byText)).toEqual([
      { agency: 'CAF', kind: 'SITUATION_CHANGE', title: `Changement d’adresse pris en compte (déclaration n° ${address})`, date: TEST_TODAY },
      { agency: 'CAF', kind: 'SITUATION_CHANGE', title: `Changement de coordonnées bancaires pris en compte (déclaration n° ${bank})`, date: TEST_TODAY },
      { agency: 'CPF', kind: 'SITUATION_CHANGE', title: `Changement d’adresse pris en compte (déclaration n° ${address})`, date: TEST_TODAY },
      { agency: 'CPF', kind: 'SITUATION_CHANGE', title: `Changement de coordonnées bancaires refusé (déclaration n° ${bank})`, date: TEST_TODAY },
      { agency: 'FRANCE_TRAVAIL', kind: 'SITUATION_CHANGE', title: `Changement d’adresse pris en compte (déclaration n° ${address})`, date: TEST_TODAY },
      { agency: 'FRANCE_TRAVAIL', kind: 'SITUATION_CHANGE', title: `Changement de coordonnées bancaires pris en compte (déclaration n° ${bank})`, date: TEST_TODAY },
      { agency: 'RGCU', kind: 'SITUATION_CHANGE', title: `Changement d’adresse pris en compte (déclaration n° ${address})`, date: TEST_TODAY },
      { agency: 'RGCU', kind: 'SITUATION_CHANGE', title: `Changement de coordonnées bancaires pris en compte (déclaration n° ${bank})`, date: TEST_TODAY },
    ].sort(byText));
  });

  it('cancels what is not delivered yet, forgetting the change at once', async () => {
    await controlAgency(platform.agencyUrls.rgcu, { fault: 'down' });
    try {
      const { body } = await graphqlAt(platform.gatewayUrl, DECLARE, { change: { phone: { number: '06 12 34 56 78' } }, agencies: ['RGCU'], key: randomUUID() });
      const cancelled = await graphqlAt(platform.gatewayUrl, CANCEL, { id: body.data.declareChange.id });
      expect(cancelled.body.data.cancelDeclaration).toEqual({
        id: body.data.declareChange.id,
        complete: true,
        cancelledAt: expect.any(String),
        deliveries: [{ agency: 'RGCU', status: 'CANCELLED' }],
      });
      const again = await graphqlAt(platform.gatewayUrl, CANCEL, { id: body.data.declareChange.id });
      expect(again.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id', reason: 'ALREADY_ANSWERED', serviceName: 'identity' });
    } finally {
      await resetAgency(platform.agencyUrls.rgcu);
    }
  });

  it('keeps neither the address nor the IBAN once delivered, in PostgreSQL or Redis: only the receipts', async () => {
    const secrets = ['12 rue des Lilas', 'Bâtiment B', 'FR7630006000011234567890189', '3000 6000', '+33612345678'];
    const tables = await dumpTables(platform.database);
    const jobs = await dumpTables(platform.database, `${(await schemaOf(platform))}_jobs`);
    const stored = JSON.stringify([tables, jobs]);
    expect(secrets.filter((secret) => stored.includes(secret))).toEqual([]);
    expect(tables.declarations?.map((row) => JSON.parse(row).sealed)).toEqual([null, null, null]);

    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${REDIS_PREFIX}*`);
      expect(keys.length).toBeGreaterThan(0);
      const entries: string[] = [];
      for (const key of keys) entries.push(`${key} ${(await redis.type(key)) === 'string' ? ((await redis.get(key)) ?? '') : ''}`);
      expect(secrets.filter((secret) => entries.join('\n').includes(secret))).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});

async function schemaOf(running: RunningPlatform): Promise<string> {
  const { rows } = await running.database.query<{ schema: string }>('SELECT current_schema() AS schema');
  return rows[0]!.schema;
}
