import { GraphQLError } from 'graphql';

/**
 * The error catalogue: every `extensions.code` the platform emits, declared once, with the HTTP
 * status it carries where it refuses a whole request, whether sending the same request again
 * can help, and a message that says what to do. Throw sites raise `PlatformError`s of these
 * codes (keeping what caused them); `docs/errors.md` is rendered from this table
 * (`npm run errors`), and a test fails when it is stale or when the SDL or the docs name a
 * code that is not here.
 */

/** Where the error arises, to group the rendered catalogue. */
export const ERROR_GROUPS = {
  request: 'Requests refused before any GraphQL runs',
  access: 'Who may read what',
  availability: 'A part of the platform or a service it depends on cannot answer',
  input: 'Arguments and inputs',
  action: 'Actions and simulators refused',
  login: 'Sign-in and sign-out (an HTML page, in French and English)',
} as const;

export type ErrorGroup = keyof typeof ERROR_GROUPS;

export interface ErrorSpec {
  group: ErrorGroup;
  /** HTTP statuses the error is answered with when it refuses the whole request, the usual one first; none when it travels in a GraphQL answer (HTTP 200). */
  http?: readonly number[];
  /** Whether the same request, sent again later, can succeed. */
  retryable: boolean;
  /** What happened and what to do: the default message, and the catalogue's text. */
  message: string;
  /** The same, in French, for the codes shown to a person on a page. */
  fr?: string;
  /** Emitted by Apollo Server or @apollo/gateway themselves, not by a throw site of ours. */
  byApollo?: true;
}

export const ERRORS = {
  GRAPHQL_PARSE_FAILED: {
    group: 'request',
    http: [400],
    retryable: false,
    message: 'The document does not parse, or holds more tokens than GRAPHQL_MAX_TOKENS: fix its syntax or shorten it.',
    byApollo: true,
  },
  GRAPHQL_VALIDATION_FAILED: {
    group: 'request',
    http: [400],
    retryable: false,
    message: 'The document is not valid against the schema, or is over a limit (depth, aliases, directives, cost: the message names it): fix or simplify it.',
    byApollo: true,
  },
  OPERATION_RESOLUTION_FAILURE: {
    group: 'request',
    http: [400],
    retryable: false,
    message: 'operationName names no operation of the document, or the document holds several and no name was given: send the name of one of its operations.',
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    group: 'request',
    http: [400],
    retryable: false,
    message: 'In production this gateway runs only registered operations: send the id of one (extensions.persistedQuery.sha256Hash) or its exact text.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    group: 'request',
    retryable: true,
    message: 'No persisted operation has this id: send the operation with its full text, or an id from operations/manifest.json.',
    byApollo: true,
  },
  REQUEST_TOO_LARGE: {
    group: 'request',
    http: [413],
    retryable: false,
    message: 'The request body is larger than GRAPHQL_BODY_LIMIT_BYTES: send a smaller document or fewer variables.',
  },
  BATCH_TOO_LARGE: {
    group: 'request',
    http: [400],
    retryable: false,
    message: 'A batched (array) request holds more operations than GRAPHQL_MAX_BATCH: split it.',
  },
  RATE_LIMITED: {
    group: 'request',
    http: [429],
    retryable: true,
    message: 'Too many operations from this session or client in the window: wait for the seconds retry-after gives, then try again.',
  },
  BAD_REQUEST: {
    group: 'request',
    http: [400, 406, 415],
    retryable: false,
    message: 'The request is not a GraphQL request this gateway takes (not JSON, wrong content type, or sent cross-site by a browser without preflight): send JSON with content-type application/json.',
    byApollo: true,
  },
  STARTING: {
    group: 'request',
    http: [503],
    retryable: true,
    message: 'The server is starting: try again in a moment.',
  },
  UNAUTHENTICATED: {
    group: 'access',
    http: [401],
    retryable: false,
    message: 'No valid credential: sign in at /auth/login (a subgraph wants an internal token from the gateway).',
  },
  INVALID_TOKEN: {
    group: 'access',
    http: [401],
    retryable: false,
    message: "The bearer token was refused (signature, issuer, audience, type, expiry, an unregistered client, or scopes beyond its registration): get a new one from the provider with the client-credentials grant.",
  },
  FORBIDDEN: {
    group: 'access',
    http: [403],
    retryable: false,
    message: 'This access does not cover this person or section: ask the person for a consent that includes it.',
  },
  NOT_FOUND: {
    group: 'access',
    retryable: false,
    message: 'No such person is available to you (no consent, or nobody): use an id from beneficiaries.',
  },
  MODULE_NOT_REGISTERED: {
    group: 'access',
    retryable: false,
    message: 'A subgraph of the supergraph is not registered as a module (config/modules.json), so it is never called: register it and compose again.',
  },
  CONSENT_MISMATCH: {
    group: 'access',
    http: [422],
    retryable: false,
    message: 'A journal entry names a consent that is not its own (another party or person): journal each read under the consent it relied on.',
  },
  SUBGRAPH_UNAVAILABLE: {
    group: 'availability',
    retryable: true,
    message: 'A platform subgraph could not be reached (extensions.serviceName); the rest of the answer still arrives: try again shortly.',
  },
  SUBGRAPH_TIMEOUT: {
    group: 'availability',
    retryable: true,
    message: 'A platform subgraph did not answer within its time budget (extensions.serviceName): try again shortly.',
  },
  DOWNSTREAM_SERVICE_ERROR: {
    group: 'availability',
    retryable: false,
    message: 'A module answered an error without a code of its own (extensions.serviceName): its owner should say what failed.',
    byApollo: true,
  },
  AGENCY_TIMEOUT: {
    group: 'availability',
    retryable: true,
    message: 'The agency (extensions.agency) did not answer within its time budget, its own or what was left of the request: try again shortly.',
  },
  AGENCY_UNAVAILABLE: {
    group: 'availability',
    retryable: true,
    message: 'The agency (extensions.agency) is down, refused the connection or answered 5xx; after repeated failures it is not called for a moment (its circuit is open): try again shortly.',
  },
  AGENCY_BAD_RESPONSE: {
    group: 'availability',
    retryable: false,
    message: 'The agency (extensions.agency) answered something malformed or of the wrong shape, which is never passed on: tell the platform team if it lasts.',
  },
  SESSION_STORE_UNAVAILABLE: {
    group: 'availability',
    http: [503],
    retryable: true,
    message: 'The session store (Redis) cannot answer: try again shortly.',
    fr: 'Le service de sessions est momentanément indisponible. Réessayez dans quelques instants.',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    group: 'availability',
    http: [503],
    retryable: true,
    message: 'The identity provider (FranceConnect) cannot be reached, or its keys fetched: try again in a moment.',
    fr: 'FranceConnect est momentanément indisponible. Réessayez dans quelques instants.',
  },
  IDENTITY_PROVIDER_BAD_RESPONSE: {
    group: 'availability',
    http: [502],
    retryable: true,
    message: 'The identity provider (FranceConnect) gave an invalid response: try again later.',
    fr: 'FranceConnect a donné une réponse invalide. Réessayez plus tard.',
  },
  CONSENTS_UNAVAILABLE: {
    group: 'availability',
    http: [503],
    retryable: true,
    message: 'Consents cannot be read or changed for a moment, so nothing that depends on them is allowed: try again shortly.',
  },
  DECLARATIONS_UNAVAILABLE: {
    group: 'availability',
    http: [503],
    retryable: true,
    message: 'Declarations of a change of situation cannot be read or made for a moment (their store or queue is down): try again shortly with the same idempotencyKey.',
  },
  AUDIT_UNAVAILABLE: {
    group: 'availability',
    http: [503],
    retryable: true,
    message: 'The access journal cannot be written or read for a moment, so what was read is not returned: try again shortly.',
  },
  INTERNAL_SERVER_ERROR: {
    group: 'availability',
    http: [500],
    retryable: false,
    message: 'Internal error: nothing in the request caused it; the logs name it by request id (x-request-id).',
    byApollo: true,
  },
  BAD_USER_INPUT: {
    group: 'input',
    retryable: false,
    message: 'An argument or input field is refused: extensions.field names it and extensions.reason says why; the message says what to send instead.',
    byApollo: true,
  },
  NOT_KNOWN_TO_AGENCY: {
    group: 'action',
    retryable: false,
    message: 'The agency (extensions.agency) has no file for the signed-in person, so nothing can be done there.',
  },
  INSUFFICIENT_BALANCE: {
    group: 'action',
    retryable: false,
    message: 'The CPF balance does not cover the training: choose one the balance covers.',
  },
  UNKNOWN_TRAINING: {
    group: 'action',
    retryable: false,
    message: 'No such training in the catalogue: use an id from the trainings search.',
  },
  UNKNOWN_SESSION: {
    group: 'action',
    retryable: false,
    message: "No such session of the training: use an id from the training's sessions.",
  },
  SESSION_CLOSED: {
    group: 'action',
    retryable: false,
    message: 'The session takes no more enrolments: choose an OPEN session of the training.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    group: 'action',
    retryable: false,
    message: 'This idempotencyKey was used for another enrolment or declaration: make a new key for a new one.',
  },
  MONTHLY_UPDATE_PERIOD_NOT_OPEN: {
    group: 'action',
    retryable: false,
    message: 'The monthly update is for another period than the open one: declare the open period.',
  },
  MONTHLY_UPDATE_ALREADY_DONE: {
    group: 'action',
    retryable: false,
    message: 'The monthly update of this period is done already.',
  },
  NOT_REGISTERED: {
    group: 'action',
    retryable: false,
    message: 'Not registered as a job seeker at France Travail, so there is no monthly update to make.',
  },
  MESSAGE_NOT_FOUND: {
    group: 'action',
    retryable: false,
    message: "No such message in that agency's mailbox: use an id from me.inbox.",
  },
  C2P_INSUFFICIENT_POINTS: {
    group: 'action',
    retryable: false,
    message: 'More C2P points were asked for than the account holds: ask for fewer.',
  },
  C2P_POINTS_RESERVED_FOR_TRAINING: {
    group: 'action',
    retryable: false,
    message: 'Points reserved for training were asked for another use: put them on training, or ask for fewer elsewhere.',
  },
  C2P_RETIREMENT_LIMIT: {
    group: 'action',
    retryable: false,
    message: 'The C2P gives at most 8 retirement quarters: ask for fewer.',
  },
  AGE_OUT_OF_RANGE: {
    group: 'action',
    retryable: false,
    message: 'An age the CNAV does not estimate (before the legal age, after 70, or past): choose another.',
  },
  LOGIN_NOT_PENDING: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'No sign-in in progress: it expired or already completed. Please start again.',
    fr: 'Aucune connexion en cours : elle a expiré ou s’est déjà terminée. Recommencez.',
  },
  LOGIN_STATE_MISMATCH: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'The FranceConnect response does not match the sign-in that was requested. Please start again.',
    fr: 'La réponse de FranceConnect ne correspond pas à la connexion demandée. Recommencez.',
  },
  LOGIN_CALLBACK_INVALID: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'The sign-in response is malformed (a parameter such as iss or code is missing or wrong). Please start again.',
    fr: 'La réponse de connexion est incomplète ou mal formée. Recommencez.',
  },
  LOGIN_NONCE_MISMATCH: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'The ID token does not match the sign-in that was requested. Please start again.',
    fr: 'Le jeton d’identité ne correspond pas à la connexion demandée. Recommencez.',
  },
  LOGIN_ACR_INSUFFICIENT: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'The identity assurance level (eIDAS) is insufficient.',
    fr: 'Le niveau de garantie de l’identité (eIDAS) est insuffisant.',
  },
  LOGIN_CODE_REJECTED: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'FranceConnect refused the sign-in code (expired or already used). Please start again.',
    fr: 'FranceConnect a refusé le code de connexion (expiré ou déjà utilisé). Recommencez.',
  },
  LOGIN_REFUSED_BY_PROVIDER: {
    group: 'login',
    http: [400],
    retryable: false,
    message: 'The sign-in was refused or cancelled at FranceConnect.',
    fr: 'La connexion a été refusée ou annulée sur FranceConnect.',
  },
  CROSS_SITE_REQUEST_REFUSED: {
    group: 'login',
    http: [403],
    retryable: false,
    message: 'This action cannot be triggered from another site. Go back to Compte des comptes to do it.',
    fr: 'Cette action ne peut pas être déclenchée depuis un autre site. Revenez sur Compte des comptes pour la faire.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * Why an input was refused (`extensions.reason` of BAD_USER_INPUT), stable for clients to
 * branch on; `extensions.field` names the argument or input field.
 */
export const INPUT_REASONS = {
  REQUIRED: 'a value is missing or blank',
  OUT_OF_RANGE: 'a number, length or date outside its bounds (the message gives them)',
  INVALID_FORMAT: 'not in the expected form (a date, a period, a cursor this list gave…)',
  NOT_A_MULTIPLE: 'a number that goes in steps (C2P points per quarter, per half-time block) is not a multiple of its step',
  NOT_EXPECTED: 'given although another field of the same input rules it out (hours worked when nothing was worked)',
  REFUSED_BY_AGENCY: 'the agency (extensions.agency) refused the value; the message quotes it',
  UNKNOWN_GRANTEE: 'no registered third party has this id: query thirdParties',
  SCOPE_NOT_ALLOWED: 'a scope the third party may not ask for',
  EXPIRY_IN_PAST: 'a consent expiry before now',
  EXPIRY_TOO_FAR: 'a consent expiry more than a year ahead',
  INVALID_DURATION: 'a consent duration other than 1 to 12 months, or given with an expiry, or neither given',
  CONSENT_ALREADY_ACTIVE: 'a consent to this third party is still active: revoke it first',
  CONSENT_NOT_FOUND: 'none of your consents has this id',
  INVALID_LINK: 'a link token forged, altered, expired, or of another address or subscription: ask for a new one',
  INVALID_IBAN: 'an IBAN whose country, length or check digits are wrong, or a BIC that is not one',
  DECLARATION_NOT_FOUND: 'none of your declarations has this id',
  ALREADY_ANSWERED: 'every agency has already answered this declaration: there is nothing left to cancel',
} as const;

export type InputReason = keyof typeof INPUT_REASONS;

/** What an error adds to `extensions` besides its code. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * An error of the catalogue. Thrown from a resolver, graphql-js takes its `extensions` as the
 * GraphQL error's, and Apollo keeps it as `originalError`, so its `cause` stays for the logs.
 * Refusing a whole request, it is answered with its status.
 */
export class PlatformError extends Error {
  override readonly name: string = 'PlatformError';
  readonly code: ErrorCode;
  /** The HTTP status of a refused request. */
  readonly status: number;
  readonly retryable: boolean;
  readonly extensions: ErrorDetails & { code: ErrorCode };

  constructor(code: ErrorCode, options: { message?: string; cause?: unknown; details?: ErrorDetails; status?: number } = {}) {
    super(options.message ?? ERRORS[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec: ErrorSpec = ERRORS[code];
    this.code = code;
    this.status = options.status ?? spec.http?.[0] ?? 200;
    this.retryable = spec.retryable;
    this.extensions = { code, ...options.details };
  }
}

/** The one shape of a refused input in every subgraph: `{ code: 'BAD_USER_INPUT', field, reason }`. */
export function badUserInput(
  field: string,
  reason: InputReason,
  message: string,
  options: { cause?: unknown; details?: ErrorDetails } = {},
): PlatformError {
  return new PlatformError('BAD_USER_INPUT', { message, cause: options.cause, details: { field, reason, ...options.details } });
}

/** The caller's token does not allow reading this person or this section. */
export function forbidden(message: string): PlatformError {
  return new PlatformError('FORBIDDEN', { message });
}

/** The GraphQL error shape of a refused request: `{ errors: [{ message, extensions }] }`. */
export function errorBody(error: PlatformError): { errors: Array<{ message: string; extensions: ErrorDetails }> } {
  return { errors: [{ message: error.message, extensions: error.extensions }] };
}

/**
 * The error as a GraphQL error that refuses the whole request (thrown while building the
 * context or resolving the operation): Apollo answers it with the error's HTTP status and headers.
 */
export function requestRefusal(error: PlatformError, headers?: Readonly<Record<string, string>>): GraphQLError {
  // Apollo applies `http` only if `headers`, when present, is a Map: an undefined one would turn the status into 500.
  const http = headers ? { status: error.status, headers: new Map(Object.entries(headers)) } : { status: error.status };
  return new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, http } });
}
