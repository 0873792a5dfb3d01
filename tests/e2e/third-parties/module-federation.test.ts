import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { generateKeyPair, type CryptoKey } from 'jose';
import { readFile } from 'node:fs/promises';
import { mintInternalToken } from '../../../contract/internal-token.ts';
import { citizenContext } from '../../../gateway/src/access.ts';
import { withoutScopeDirectives } from '../../../gateway/src/supergraph.ts';
import { personaIdentities } from '../../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import { SUPERGRAPH_PATH } from '../../../schemas/compose.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, type GraphQLResponse } from '../../support/platform.ts';

/**
 * The modules' answers through this gateway are the answers of stock @apollo/gateway on the same
 * supergraph and the same subgraphs: pseudonymising Person representations changes nothing a
 * client sees, and a module's own entity (`Job`, owned by offres, pointed at by orientation)
 * joins as Federation says. The stock gateway sends each subgraph a token for the citizen's own
 * claims, as a router would; this gateway sends modules pseudonyms.
 */

const PERSONAS = ['karim.benali', 'camille.martin'] as const;

/** Every query this file sends, each sent through both gateways, as each persona. */
const QUERIES = [
  '{ me { jobs { id title openings offers { id employer city contract monthlyGrossSalary } } } }',
  '{ me { orientation { suggestions { romeCode title job { id title openings offers { employer contract monthlyGrossSalary } } } } } }',
  '{ me { id employment { registration { category } } jobs { id } orientation { yearsWorked suggestions { job { id title } } } } }',
  '{ job(id: "J1501") { id title openings offers { id city } } }',
  '{ job(id: "Z9999") { id title } }',
];

let platform: RunningPlatform;
let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
const browsers = new Map<string, Browser>();
const stock = new Map<string, ApolloServer>();

/** Stock @apollo/gateway on the committed supergraph, calling the platform's subgraphs and modules for this persona. */
async function stockGatewayFor(login: string): Promise<ApolloServer> {
  const persona = personaIdentities.find((p) => p.login === login)!;
  const { claims } = citizenContext({ sub: login, pivot: persona.pivot, email: persona.email }, platform.personIdKey);
  const urls: Record<string, string> = { ...platform.subgraphUrls, ...platform.moduleUrls };
  const gateway = new ApolloGateway({
    supergraphSdl: withoutScopeDirectives(await readFile(SUPERGRAPH_PATH, 'utf8')),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource({
        url: urls[name],
        async willSendRequest({ request }) {
          const token = await mintInternalToken(claims, { key: keys.privateKey, audience: name, lifetimeSeconds: 60 });
          request.http!.headers.set('authorization', `Bearer ${token}`);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  await server.start();
  return server;
}

async function throughStock(login: string, query: string): Promise<GraphQLResponse['body']> {
  const response = await stock.get(login)!.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return JSON.parse(JSON.stringify(response.body.singleResult)) as GraphQLResponse['body'];
}

beforeAll(async () => {
  keys = await generateKeyPair('ES256', { extractable: true });
  platform = await startTestPlatform({ tokenKeys: keys });
  for (const login of PERSONAS) {
    browsers.set(login, await logIn(platform, login));
    stock.set(login, await stockGatewayFor(login));
  }
});

afterAll(async () => {
  for (const server of stock.values()) await server.stop();
  await platform?.close();
});

describe('modules through this gateway answer as through stock @apollo/gateway', () => {
  for (const login of PERSONAS) {
    it.each(QUERIES)(`as ${login}: %s`, async (query) => {
      const ours = await graphql(platform, browsers.get(login)!, query);
      expect(ours.body).toEqual(await throughStock(login, query));
    });
  }

  it('and those answers hold what the modules know, so the comparison is not between two empty answers', async () => {
    const karim = browsers.get('karim.benali')!;
    const jobs = await graphql(platform, karim, QUERIES[0]!);
    expect(jobs.body.data.me.jobs.map((job: { id: string }) => job.id)).toEqual(['N1103', 'J1501', 'M1805']);
    const joined = await graphql(platform, karim, QUERIES[1]!);
    expect(joined.body.errors).toBeUndefined();
    const suggestions = joined.body.data.me.orientation.suggestions as Array<{ romeCode: string; title: string; job: { id: string; title: string } }>;
    expect(suggestions.length).toBeGreaterThan(0);
    for (const suggestion of suggestions) expect(suggestion.job).toMatchObject({ id: suggestion.romeCode, title: suggestion.title });
    const camille = await graphql(platform, browsers.get('camille.martin')!, QUERIES[0]!);
    expect(camille.body).toEqual({ data: { me: { jobs: [] } } });
    expect((await graphql(platform, null, QUERIES[4]!)).body).toEqual({ data: { job: null } });
  });
});
