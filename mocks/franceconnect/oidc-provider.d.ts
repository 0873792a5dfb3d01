// oidc-provider 9 ships no type declarations and @types/oidc-provider would be a new dependency.
// These cover only what the mock uses; extend them when the mock uses more.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { JWK } from 'jose';

  export interface Client {
    readonly clientId: string;
    readonly clientName?: string;
    readonly grantTypes: readonly string[];
    /** Host of the first redirect URI (or of sector_identifier_uri) for pairwise clients. */
    readonly sectorIdentifier?: string;
    grantTypeAllowed(type: string): boolean;
  }

  export interface Session {
    readonly accountId?: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; remember?: boolean };
    consent?: { grantId?: string };
  }

  export interface OIDCContext {
    readonly client?: Client;
    readonly params: Record<string, unknown>;
    readonly route: string;
    readonly session: Session;
    readonly result?: InteractionResults;
    readonly provider: Provider;
    readonly requestParamOIDCScopes: Set<string>;
  }

  /** The Koa context oidc-provider hands to configuration callbacks and middleware. */
  export interface KoaContextWithOIDC {
    readonly method: string;
    readonly path: string;
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    status: number;
    body: unknown;
    type: string;
    set(field: string, value: string): void;
    redirect(url: string): void;
    readonly oidc: OIDCContext;
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export interface Interaction {
    readonly uid: string;
    readonly prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    readonly params: Record<string, unknown>;
  }

  export interface Grant {
    readonly jti: string;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown> & { sub: string }> | (Record<string, unknown> & { sub: string });
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    scope?: string;
    subject_type?: 'public' | 'pairwise';
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
    userinfo_signed_response_alg?: string;
  }

  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg: string } };
  }

  export type ErrorOut = Record<string, string>;

  export interface Configuration {
    acrValues?: string[];
    claims?: Record<string, string[] | null>;
    clientAuthMethods?: string[];
    clientDefaults?: Partial<ClientMetadata>;
    clients?: ClientMetadata[];
    cookies?: { keys?: string[] };
    enabledJWA?: Record<string, string[]>;
    extraParams?: Record<string, (ctx: KoaContextWithOIDC, value: unknown, client: Client) => void | Promise<void>>;
    features?: {
      clientCredentials?: { enabled: boolean };
      devInteractions?: { enabled: boolean };
      dPoP?: { enabled: boolean };
      introspection?: { enabled: boolean };
      jwtUserinfo?: { enabled: boolean };
      pushedAuthorizationRequests?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: KoaContextWithOIDC, client: Client, oneOf?: string[]) => Promise<string | string[] | undefined>;
        getResourceServerInfo?: (ctx: KoaContextWithOIDC, resourceIndicator: string, client: Client) => Promise<ResourceServer>;
        useGrantedResource?: (ctx: KoaContextWithOIDC, model: unknown) => Promise<boolean>;
      };
      revocation?: { enabled: boolean };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: KoaContextWithOIDC, form: string) => Promise<void>;
        postLogoutSuccessSource?: (ctx: KoaContextWithOIDC) => Promise<void>;
      };
      userinfo?: { enabled: boolean };
    };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => Promise<string> };
    jwks?: { keys: JWK[] };
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    pairwiseIdentifier?: (ctx: KoaContextWithOIDC, accountId: string, client: Client) => Promise<string>;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => Promise<void>;
    responseTypes?: string[];
    routes?: Record<string, string>;
    scopes?: string[];
    subjectTypes?: Array<'public' | 'pairwise'>;
    ttl?: Record<string, number>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** Koa's: trust X-Forwarded-* headers. */
    proxy: boolean;
    readonly Grant: GrantConstructor;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: Middleware): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      readonly error: string;
      readonly error_description?: string;
      readonly status: number;
    }
    class InvalidRequest extends OIDCProviderError {
      constructor(description?: string);
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
    class SessionNotFound extends InvalidRequest {}
  }

  export default Provider;
}
