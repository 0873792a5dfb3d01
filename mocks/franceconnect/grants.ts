import type { Configuration } from 'oidc-provider';

/**
 * oidc-provider's `loadExistingGrant`, widened so that the relying parties we configure ourselves
 * (the gateway first) get the identity scopes they ask for without a consent screen, as with
 * FranceConnect. Other clients keep the default behaviour.
 */
export function grantTrustedClients(trustedClientIds: ReadonlySet<string>): NonNullable<Configuration['loadExistingGrant']> {
  return async (ctx) => {
    const { client, session, result, provider, requestParamOIDCScopes } = ctx.oidc;
    if (!client || !session.accountId) return undefined;
    const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const existing = grantId ? await provider.Grant.find(grantId) : undefined;
    if (!trustedClientIds.has(client.clientId)) return existing;

    const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    // The requested scopes were already checked against the client's allowed `scope`.
    grant.addOIDCScope([...requestParamOIDCScopes].join(' '));
    await grant.save();
    return grant;
  };
}
