import { request } from 'undici';
import type { RunningPlatform } from '../../dev/platform.ts';
import type { GraphQLResponse } from './platform.ts';

/** A client-credentials access token from the platform's mock provider, as a third party gets one. */
export async function thirdPartyToken(platform: RunningPlatform, clientId: string, scopes: readonly string[]): Promise<string> {
  const client = platform.thirdParties.get(clientId);
  if (!client) throw new Error(`${clientId} is not registered`);
  const response = await request(`${platform.providerUrl}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${client.devClientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') }).toString(),
  });
  const body = (await response.body.json()) as { access_token?: string; error?: string };
  if (response.statusCode !== 200 || !body.access_token) throw new Error(`token endpoint answered ${response.statusCode} ${body.error}`);
  return body.access_token;
}

/** Posts a GraphQL operation to the gateway with a bearer token, as a third party does. */
export async function graphqlAs(
  platform: RunningPlatform,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse & { headers: Record<string, string | string[] | undefined> }> {
  const response = await request(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (await response.body.json()) as GraphQLResponse['body'],
  };
}
