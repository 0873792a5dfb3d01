import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';

export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  url: string;
  /** Sent in turn by each connection: one per persona. */
  requests: LoadRequest[];
  connections: number;
  seconds: number;
  /** Offered load in requests per second over all connections; as fast as answered when absent. */
  rate?: number;
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

/** One bounded autocannon run on loopback; latencies in ms from an HDR histogram (autocannon reports no p95). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`the bench loads loopback only, not ${url.hostname}`);
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  let failures = 0;
  const settings: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    timeout: 10,
    requests: options.requests.map((request) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      onResponse: (status: number, body: string) => {
        // Any GraphQL error counts: a fast refusal must never pass for a fast answer.
        if (status !== 200 || body.includes('"errors"')) failures++;
      },
    })),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(settings, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
  const requests = result.requests.total;
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    failures: failures + result.errors + result.timeouts,
  };
}
