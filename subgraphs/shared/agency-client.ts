import { Pool } from 'undici';
import type { z } from 'zod';
import { errorCode, isConnectionError, isTimeout } from '../../common/error-shape.ts';
import { callTimeout } from '../../common/resilience/budget.ts';
import { deadline } from '../../common/resilience/deadline.ts';
import type { CallPolicy, CallPolicySettings } from '../../common/resilience/policy.ts';
import { createAgencyPolicy } from './agency-resilience.ts';
import { AgencyError, AgencyRefusal, type AgencyName } from './errors.ts';

export interface AgencyClientOptions {
  agency: AgencyName;
  baseUrl: string;
  apiKey: string;
  /** Budget for one call, connection to last byte. */
  timeoutMs: number;
  /** Keep-alive connections to the agency. */
  connections?: number;
  /** Retries, circuit and concurrency limit (agency-resilience.ts has the defaults). */
  resilience?: Partial<CallPolicySettings>;
}

export interface AgencyRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Shape of a successful answer's JSON; anything else is AGENCY_BAD_RESPONSE. */
  schema: S;
  /** Error statuses that are answers (404 unknown, 409/422 refusals), not failures. */
  answerStatuses?: readonly number[];
  /** A read sent as POST (batch lookups): safe to send again. GETs are idempotent anyway. */
  idempotent?: boolean;
  /**
   * Sent as `Idempotency-Key`. The agency then acts at most once for the key, which makes the
   * request safe to send again: it is retried like a read.
   */
  idempotencyKey?: string;
}

export type AgencyAnswer<T> =
  | { ok: true; status: number; data: T; headers: Record<string, string | string[] | undefined> }
  | { ok: false; status: number; code: string; detail: string; /** The agency's name of the input at fault, when it gives one. */ parameter?: string };

/**
 * HTTP client for one agency system: a keep-alive pool, the API key on every call, a time
 * budget on every call (cut to what is left of the request's), retries of idempotent reads,
 * a circuit breaker and a concurrency limit, and answers validated against their expected
 * shape before use.
 */
export class AgencyClient {
  readonly agency: AgencyName;
  readonly #pool: Pool;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly policy: CallPolicy;

  constructor(options: AgencyClientOptions) {
    this.agency = options.agency;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs;
    this.policy = createAgencyPolicy(options.agency, options.resilience);
    this.#pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 64,
      keepAliveTimeout: 30_000, // 30 s
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
  }

  request<S extends z.ZodType>(req: AgencyRequest<S>): Promise<AgencyAnswer<z.infer<S>>> {
    // Without a key, a write whose connection broke may have been acted on: it is never resent.
    const idempotent = req.method === 'GET' || req.idempotent === true || req.idempotencyKey !== undefined;
    return this.policy.execute(() => this.#attempt(req), { idempotent });
  }

  async #attempt<S extends z.ZodType>(req: AgencyRequest<S>): Promise<AgencyAnswer<z.infer<S>>> {
    const path = req.query ? `${req.path}?${toQueryString(req.query)}` : req.path;
    const headers: Record<string, string> = { 'x-api-key': this.#apiKey, accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
    let status: number;
    let text: string;
    let responseHeaders: Record<string, string | string[] | undefined>;
    const timeoutMs = callTimeout(this.#timeoutMs);
    if (timeoutMs <= 0) throw this.#timeout(timeoutMs, undefined);
    const timer = deadline(timeoutMs);
    try {
      const response = await this.#pool.request({
        method: req.method,
        path,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: timer.signal,
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (cause) {
      throw this.#transportError(cause, timeoutMs);
    } finally {
      timer.clear();
    }
    if (status >= 500 || status === 429) {
      throw new AgencyError('AGENCY_UNAVAILABLE', this.agency, `${this.agency} answered HTTP ${status}`, { transient: true });
    }
    const json = parseJson(text);
    if (json === undefined) {
      throw new AgencyError('AGENCY_BAD_RESPONSE', this.agency, `${this.agency} answered a body that is not JSON`);
    }
    if (status >= 200 && status < 300) {
      const parsed = req.schema.safeParse(json);
      if (!parsed.success) {
        throw new AgencyError('AGENCY_BAD_RESPONSE', this.agency, `${this.agency} answered an unexpected shape`, {
          cause: parsed.error,
        });
      }
      return { ok: true, status, data: parsed.data, headers: responseHeaders };
    }
    if (req.answerStatuses?.includes(status)) {
      return { ok: false, status, ...firstAgencyError(json) };
    }
    if (status === 401 || status === 403) {
      throw new AgencyError('AGENCY_UNAVAILABLE', this.agency, `${this.agency} refused the platform's credentials`);
    }
    throw new AgencyError('AGENCY_BAD_RESPONSE', this.agency, `${this.agency} answered HTTP ${status} unexpectedly`);
  }

  /** Turns an answer that is a refusal into an AgencyRefusal carrying the agency's code. */
  refusal(answer: { status: number; code: string; detail: string }): AgencyRefusal {
    return new AgencyRefusal(answer.code, this.agency, answer.detail, answer.status);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #timeout(timeoutMs: number, cause: unknown): AgencyError {
    const message =
      timeoutMs < this.#timeoutMs
        ? `${this.agency} did not answer within what was left of the request's time budget`
        : `${this.agency} did not answer within ${this.#timeoutMs} ms`;
    return new AgencyError('AGENCY_TIMEOUT', this.agency, message, { cause });
  }

  #transportError(cause: unknown, timeoutMs: number): AgencyError {
    if (isTimeout(cause)) return this.#timeout(timeoutMs, cause);
    if (isConnectionError(cause)) {
      return new AgencyError('AGENCY_UNAVAILABLE', this.agency, `${this.agency} is unreachable (${errorCode(cause)})`, { cause, transient: true });
    }
    return new AgencyError('AGENCY_UNAVAILABLE', this.agency, `${this.agency} call failed`, { cause });
  }
}

function toQueryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.append(name, String(value));
  return params.toString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstAgencyError(json: unknown): { code: string; detail: string; parameter?: string } {
  const first = (json as { errors?: Array<{ code?: unknown; detail?: unknown; title?: unknown; source?: { parameter?: unknown } }> })?.errors?.[0];
  const parameter = first?.source?.parameter;
  return {
    code: typeof first?.code === 'string' ? first.code : 'UNKNOWN',
    detail: typeof first?.detail === 'string' ? first.detail : typeof first?.title === 'string' ? first.title : '',
    ...(typeof parameter === 'string' ? { parameter } : {}),
  };
}
