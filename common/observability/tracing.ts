import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

/** The tracer every span of the platform is made with (@apollo/gateway has its own, `@apollo/gateway`). */
export const tracer = trace.getTracer('compte-des-comptes');

export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

export interface TracingOptions {
  /** `service.name` of the spans. */
  serviceName: string;
  /** `none` (the default everywhere): no provider is registered and spans cost nothing. */
  exporter: TracesExporter | SpanExporter;
  /** OTLP/HTTP base URL; spans go to `${endpoint}/v1/traces`. */
  otlpEndpoint?: string;
  /** Share of new traces kept, 0 to 1; a trace started upstream keeps its caller's decision. */
  sampleRatio?: number;
  /** Export each span as it ends (tests) rather than in batches. */
  exportEachSpan?: boolean;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is pending, then unregisters. */
  shutdown(): Promise<void>;
}

/**
 * Traces across gateway, subgraphs and agency calls, W3C `traceparent` between processes.
 * Off unless an exporter is chosen: nothing leaves the platform by default.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (options.exporter === 'none') return { enabled: false, shutdown: async () => {} };
  const exporter = await exporterOf(options);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: [options.exportEachSpan ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

async function exporterOf(options: TracingOptions): Promise<SpanExporter> {
  if (typeof options.exporter !== 'string') return options.exporter;
  if (options.exporter === 'console') return new ConsoleSpanExporter();
  // Loaded only when chosen: most deployments never pay for it.
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const endpoint = (options.otlpEndpoint ?? 'http://localhost:4318').replace(/\/+$/, '');
  return new OTLPTraceExporter({ url: `${endpoint}/v1/traces` });
}
