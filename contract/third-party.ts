/**
 * The `aud` a third party's client-credentials access token must carry: the gateway's resource
 * indicator (RFC 8707), registered at the OpenID provider. Deployments may name their own
 * (THIRD_PARTY_AUDIENCE); this is the default of both the gateway and the mock provider.
 */
export const DEFAULT_THIRD_PARTY_AUDIENCE = 'urn:compte-des-comptes:gateway';
