import { randomUUID } from 'node:crypto';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs, with personal data and credentials kept out by construction:
 *
 * - requests, replies and errors are logged through serializers that copy a fixed list of
 *   fields (method, route, status, error type and code), never headers, query strings or bodies;
 * - any other logged object is copied with the value of every sensitive key replaced, at any
 *   depth (tokens, cookies, API keys, the identité pivot and its API Particulier spelling);
 * - JWTs and bearer credentials are masked inside every string, messages included.
 *
 * A call site cannot opt out: there is no raw logger to reach for.
 */

export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id we accept from a caller: short and plain, so it cannot smuggle anything into logs. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REDACTED = '[redacted]';

// Compared after lower-casing and dropping `-` and `_`: `id_token`, `idToken` and `ID-Token` are one key.
const SENSITIVE_KEYS = new Set([
  // credentials
  'authorization',
  'cookie',
  'setcookie',
  'xapikey',
  'apikey',
  'password',
  'secret',
  'clientsecret',
  'token',
  'accesstoken',
  'idtoken',
  'refreshtoken',
  'codeverifier',
  'nonce',
  'privatekey',
  'jwk',
  // the identité pivot and what is derived from it
  'pivot',
  'identity',
  'givenname',
  'givennames',
  'familyname',
  'birthdate',
  'birthplace',
  'birthcountry',
  'gender',
  'email',
  'sub',
  // the same identity as agencies take it (API Particulier parameters)
  'identites',
  'nomnaissance',
  'prenoms',
  'sexeetatcivil',
  'anneedatenaissance',
  'moisdatenaissance',
  'jourdatenaissance',
  'codecoginseecommunenaissance',
  'codecoginseepaysnaissance',
]);

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const MAX_DEPTH = 8;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Masks JWTs and `Bearer …`/`Basic …` credentials inside a string. */
export function scrubString(text: string): string {
  return text.replace(JWT, '[jwt]').replace(BEARER, '$1 [redacted]');
}

/** A copy of `value` with sensitive keys replaced and strings scrubbed, at any depth. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  // Class instances (requests, sockets, buffers) are not walked: they are named, not dumped.
  if (prototype !== Object.prototype && prototype !== null) return `[${value.constructor?.name ?? 'object'}]`;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = isSensitiveKey(key) ? REDACTED : scrub(item, depth + 1);
  return copy;
}

/** Keys that pino hands to the whitelisting serializers below rather than to `scrub`. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

function scrubLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (SERIALIZED_KEYS.has(key)) copy[key] = value;
    else copy[key] = isSensitiveKey(key) ? REDACTED : scrub(value, 1);
  }
  return copy;
}

interface RequestLike {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

/** Method and route template (`/v1/dossiers/:id`), never the path's values, query, headers or body. */
function serializeRequest(request: RequestLike) {
  return { method: request.method, route: request.routeOptions?.url ?? 'unmatched' };
}

function serializeReply(reply: { statusCode?: number }) {
  return { statusCode: reply.statusCode };
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
}

/** Type, code, message and stack, scrubbed; causes by type and code only. */
export function serializeError(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as ErrorLike;
  const serialized: Record<string, unknown> = {
    type: typeof e.name === 'string' ? e.name : typeof error,
    message: typeof e.message === 'string' ? scrubString(e.message) : undefined,
  };
  if (typeof e.code === 'string') serialized.code = e.code;
  if (typeof e.stack === 'string') serialized.stack = scrubString(e.stack);
  const causes: string[] = [];
  for (let cause = e.cause as ErrorLike | undefined, n = 0; cause && typeof cause === 'object' && n < 5; cause = cause.cause as ErrorLike, n++) {
    causes.push([cause.name, cause.code].filter((part) => typeof part === 'string').join(' ') || 'unknown');
  }
  if (causes.length) serialized.causes = causes;
  return serialized;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** Named in every line (`gateway`, `training`, `cpf`…). */
  service: string;
  level?: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream that keeps them. */
  destination?: DestinationStream;
}

/** The only way this platform makes a logger. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service, hostname: hostname() },
      timestamp: stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: scrubLogObject,
      },
      serializers: { req: serializeRequest, res: serializeReply, err: serializeError },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubString(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing (apps built without one, in tests). */
export function silentLogger(service: string): Logger {
  return createLogger({ service, level: 'silent' });
}

/** The caller's request id when it is a plain token, a fresh UUID otherwise. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One line per request, when it ends, naming its method, route, status and time: fastify's own
 * `incoming request` line said nothing the last one does not, and doubled what every request
 * cost in logging (each line is serialised, scrubbed and written synchronously: bench/README.md).
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Fastify options that log through `logger` with our request ids (`requestId` in every line), one line per request. */
export function fastifyLogging(logger: Logger) {
  // Typed as fastify's logger so apps keep their usual instance type.
  return {
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requestIdOf,
    requestIdHeader: false as const,
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
  };
}
