import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { Pool } from 'undici';

export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  url: string;
  /** Sent in turn by each connection: one per signed-in person, say. */
  requests: LoadRequest[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers that were not a 200 with data only: other statuses, GraphQL errors, timeouts, resets. */
  failures: number;
}

/** The bench loads loopback only. */
function loopbackUrl(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) throw new Error(`the bench loads loopback only, not ${parsed.hostname}`);
  return parsed;
}

/** Latencies recorded in µs, from 1 µs to 120 s, 3 significant digits. */
const newHistogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

function resultOf(histogram: hdr.Histogram, requests: number, seconds: number, failures: number): LoadResult {
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return { requests, seconds, rps: requests / seconds, p50: ms(50), p95: ms(95), p99: ms(99), failures };
}

/** One bounded autocannon run on loopback; latencies in ms from an HDR histogram (autocannon reports no p95). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  loopbackUrl(options.url);
  const histogram = newHistogram();
  let failures = 0;
  const requests = options.requests.map((request) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
    onResponse: (status: number, body: string) => {
      // Any GraphQL error counts: a fast refusal must never pass for a fast answer.
      if (status !== 200 || body.includes('"errors"')) failures++;
    },
  }));
  // Each connection starts at its own place in the list: connections walking it in step would
  // send the same person's query at the same moment, which a gateway deduplicating identical
  // in-flight calls would serve once.
  const step = Math.max(1, Math.floor(requests.length / options.connections));
  let connection = 0;
  const settings: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests,
    setupClient: (client) => {
      const offset = (connection++ * step) % requests.length;
      client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
    },
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(settings, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
  return resultOf(histogram, result.requests.total, result.duration, failures + result.errors + result.timeouts);
}

export interface PacedLoadOptions {
  url: string;
  requests: LoadRequest[];
  /** Concurrent users, each on its own keep-alive connection. */
  users: number;
  /** Each user sends one request every this many ms (requests per second = users × 1000 / intervalMs). */
  intervalMs: number;
  seconds: number;
}

/**
 * Open-loop load at a steady pace, for latency (W2): each user sends on its own schedule, the
 * schedules spread evenly over the interval, so requests arrive one by one rather than in the
 * per-second bursts of autocannon's rate limit (which also caps connections at the rate). A
 * user whose answer comes late sends its next request at once. Latency counts from the send.
 */
export async function runPaced(options: PacedLoadOptions): Promise<LoadResult> {
  const url = loopbackUrl(options.url);
  const pool = new Pool(url.origin, { connections: options.users, keepAliveTimeout: 30_000 });
  const histogram = newHistogram();
  const started = performance.now();
  const end = started + options.seconds * 1000;
  let answered = 0;
  let failures = 0;
  const user = async (index: number) => {
    let next = started + (index * options.intervalMs) / options.users;
    let turn = index;
    for (;;) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() >= end) return;
      const request = options.requests[turn++ % options.requests.length]!;
      const sent = performance.now();
      try {
        const response = await pool.request({
          method: 'POST',
          path: url.pathname,
          headers: { 'content-type': 'application/json', ...request.headers },
          body: request.body,
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const body = await response.body.text();
        if (response.statusCode !== 200 || body.includes('"errors"')) failures++;
      } catch {
        failures++;
      }
      histogram.recordValue(Math.max(1, Math.round((performance.now() - sent) * 1000)));
      answered++;
      next += options.intervalMs;
    }
  };
  await Promise.all(Array.from({ length: options.users }, (_, i) => user(i)));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return resultOf(histogram, answered, seconds, failures);
}
