import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, generateKeyPair } from 'jose';
import { request } from 'undici';
import { listenApp, type Listening } from '../../../common/listen.ts';
import { loadModules } from '../../../common/modules.ts';
import { personIdOf } from '../../../common/person-id.ts';
import { moduleKeyOf, pseudonymOf } from '../../../common/pseudonym.ts';
import { generatePopulation } from '../../../mocks/population/index.ts';
import { personaIdentities } from '../../../mocks/population/personas.ts';
import { build as buildOrientation } from '../../../modules/orientation/app.ts';
import { suggestCareers } from '../../../modules/orientation/suggestions.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import { composeSchemas } from '../../../schemas/compose.ts';
import { ConsentStore } from '../../../subgraphs/identity/store/consents.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, TEST_TODAY } from '../../support/platform.ts';
import { graphqlAs, thirdPartyToken } from '../../support/third-party.ts';

const START = new Date('2026-11-15T12:00:00.000Z');
const PSEUDONYM_SECRET = 'test-pseudonym-secret-0123456789abcdef';
const camillePivot = personaIdentities.find((p) => p.login === 'camille.martin')!.pivot;

let folder: string;
let supergraphPath: string;
let modulesPath: string;
let orientation: Listening;
let platform: RunningPlatform;
let camille: Browser;
/** What the orientation module received: bodies and internal tokens, as its own server saw them. */
const received: Array<{ body: any; authorization: string | undefined }> = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cdc-modules-'));
  supergraphPath = join(folder, 'supergraph.graphql');
  modulesPath = join(folder, 'modules.json');
  const keys = await generateKeyPair('ES256', { extractable: true });
  const module: FastifyInstance = await buildOrientation({ tokenKey: keys.publicKey, now: () => START });
  module.addHook('preHandler', async (req) => {
    if (req.url === '/graphql') received.push({ body: req.body, authorization: req.headers.authorization });
  });
  orientation = await listenApp(module);
  const [registered] = loadModules();
  await writeFile(modulesPath, JSON.stringify({ modules: [{ ...registered, url: `${orientation.url}/graphql` }] }));
  // The gateway starts on a supergraph without the module, as before the module registered.
  await writeFile(supergraphPath, (await composeSchemas([])).supergraphSdl);
  platform = await startTestPlatform({
    consentClock: () => START,
    tokenKeys: keys,
    env: {
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_POLL_INTERVAL_MS: '50',
      MODULES_PATH: modulesPath,
      MODULE_ORIENTATION_URL: `${orientation.url}/graphql`,
      MODULE_PSEUDONYM_SECRET: PSEUDONYM_SECRET,
    },
  });
  camille = await logIn(platform, 'camille.martin');
});

afterAll(async () => {
  await platform?.close();
  await orientation?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function agencyStats(url: string) {
  const response = await request(`${url}/__control/stats`);
  return response.body.json();
}

describe('batching', () => {
  it('a social worker listing 100 beneficiaries with family and employment makes one batch call per agency', async () => {
    const population = generatePopulation({ seed: 42, size: 200, today: TEST_TODAY });
    const consents = new ConsentStore(platform.database);
    const beneficiaries = population.persons.filter((p) => p.login === null).slice(0, 100);
    for (const person of beneficiaries) {
      await consents.grant({
        personId: personIdOf(person.pivot, platform.personIdKey),
        pivot: person.pivot,
        grantee: { clientId: 'ccas-lyon', name: 'CCAS de Lyon — service social', kind: 'SOCIAL_WORKER' },
        scopes: ['employment:read', 'family:read'],
        purpose: { code: 'SOCIAL_SUPPORT', text: 'Accompagnement social' },
        startsAt: START,
        expiresAt: new Date('2027-01-01T00:00:00Z'),
      });
    }
    const token = await thirdPartyToken(platform, 'ccas-lyon', ['family:read', 'employment:read']);
    await Promise.all(Object.values(platform.agencyUrls).map((url) => request(`${url}/__control/stats`, { method: 'DELETE' }).then((r) => r.body.dump())));

    const { status, body } = await graphqlAs(
      platform,
      token,
      // `first` as a variable, as in the persisted operation Beneficiaires.
      'query($first: Int!) { beneficiaries(first: $first) { totalCount pageInfo { hasNextPage } edges { node { id family { familyQuotient { value } } employment { registration { category } } } } } }',
      { first: 100 },
    );

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.beneficiaries.totalCount).toBe(100);
    expect(body.data.beneficiaries.pageInfo).toEqual({ hasNextPage: false });
    const ids = beneficiaries.map((p) => personIdOf(p.pivot, platform.personIdKey)).sort();
    expect(body.data.beneficiaries.edges.map((e: any) => e.node.id)).toEqual(ids);
    const known = (agency: 'caf' | 'france-travail') => beneficiaries.filter((p) => p.dossiers[agency] !== null).length;
    expect(body.data.beneficiaries.edges.filter((e: any) => e.node.family !== null)).toHaveLength(known('caf'));
    expect(body.data.beneficiaries.edges.filter((e: any) => e.node.employment !== null)).toHaveLength(known('france-travail'));

    const oneBatch = { requests_total: 1, requests_by_route: { 'POST /v1/dossiers/batch': 1 } };
    expect(await agencyStats(platform.agencyUrls.caf)).toEqual(oneBatch);
    expect(await agencyStats(platform.agencyUrls['france-travail'])).toEqual(oneBatch);
    expect(await agencyStats(platform.agencyUrls.cpf)).toMatchObject({ requests_total: 0 });
    expect(await agencyStats(platform.agencyUrls.rgcu)).toMatchObject({ requests_total: 0 });

    const { rows } = await platform.database.query<{ entries: number; sections: string[] }>(
      `SELECT count(*)::int AS entries, array_agg(DISTINCT array_to_string(sections, ',')) AS sections FROM access_journal WHERE reader_id = 'ccas-lyon'`,
    );
    expect(rows).toEqual([{ entries: 100, sections: ['employment,family'] }]);
  });
});

describe('a module', () => {
  const ORIENTATION = '{ me { orientation { yearsWorked employers cpfBalance suggestions { romeCode title reason trainingCost fundedByCpf job { id } } } } }';

  it('is picked up by the running gateway once composed in, without a restart', async () => {
    const before = await graphql(platform, camille, ORIENTATION);
    expect(before.status).toBe(400);
    expect(before.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    await writeFile(supergraphPath, (await composeSchemas(loadModules(modulesPath))).supergraphSdl);
    let after = before;
    for (let attempt = 0; attempt < 100 && after.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await graphql(platform, camille, ORIENTATION);
    }

    const career = await graphql(
      platform,
      camille,
      '{ me { retirement { careerPeriods { kind employer startDate endDate } } training { cpf { balance } } } }',
    );
    expect(after.body).toEqual({ data: { me: { orientation: suggestCareers(career.body.data.me, START.toISOString().slice(0, 10)) } } });
    expect(after.body.data.me.orientation.suggestions.length).toBeGreaterThan(0);
  });

  it('receives a pseudonym and the required fields, never the pivot nor the real id', async () => {
    const camilleId = personIdOf(camillePivot, platform.personIdKey);
    const pseudonym = pseudonymOf(camilleId, moduleKeyOf(PSEUDONYM_SECRET, 'orientation'));
    expect(received.length).toBeGreaterThan(0);
    for (const { body, authorization } of received) {
      const text = JSON.stringify(body);
      for (const secret of [camilleId, 'pivot', 'given_name', camillePivot.family_name, camillePivot.birthdate]) expect(text).not.toContain(secret);
      for (const representation of body.variables.representations) {
        expect(Object.keys(representation).sort()).toEqual(['__typename', 'id', 'retirement', 'training']);
        expect(representation.id).toBe(pseudonym);
      }
      const claims = decodeJwt(authorization!.slice('Bearer '.length));
      expect(claims).toMatchObject({ aud: 'orientation', act: { kind: 'citizen' }, grants: [[['retirement:read', 'training:read'], [pseudonym]]] });
      expect(claims).not.toHaveProperty('identity');
    }
  });

  it('serves a third party through consent, under the same pseudonym, journaled with the sections behind it', async () => {
    received.length = 0;
    await graphql(
      platform,
      camille,
      'mutation { grantConsent(grantee: "ccas-lyon", scopes: ["retirement:read", "training:read"], purpose: { code: TRAINING_ADVICE, text: "Reconversion" }, expiresAt: "2027-01-01T00:00:00Z") { id } }',
    );
    const token = await thirdPartyToken(platform, 'ccas-lyon', ['retirement:read', 'training:read']);
    const camilleId = personIdOf(camillePivot, platform.personIdKey);
    const read = await graphqlAs(platform, token, 'query($id: ID!) { person(id: $id) { orientation { yearsWorked } } }', { id: camilleId });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.person.orientation.yearsWorked).toEqual(expect.any(Number));
    const pseudonym = pseudonymOf(camilleId, moduleKeyOf(PSEUDONYM_SECRET, 'orientation'));
    expect(received.map(({ body }) => body.variables.representations.map((r: any) => r.id))).toEqual([[pseudonym]]);
    expect(decodeJwt(received[0]!.authorization!.slice(7))).toMatchObject({
      act: { kind: 'third_party', clientId: 'ccas-lyon' },
      grants: [[['retirement:read', 'training:read'], [pseudonym]]],
    });
    const journal = await graphql(platform, camille, '{ me { accessJournal { edges { node { reader { id } sections } } } } }');
    expect(journal.body.data.me.accessJournal.edges).toEqual([{ node: { reader: { id: 'ccas-lyon' }, sections: ['orientation', 'retirement', 'training'] } }]);
  });
});
