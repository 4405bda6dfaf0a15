import 'server-only';
import client from 'prom-client';
import { singleton } from '@/lib/singleton';

interface Metrics {
  registry: client.Registry;
  httpRequests: client.Counter<'method' | 'route' | 'status'>;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  activeStreams: client.Gauge;
  modelTokens: client.Counter<'model' | 'kind'>;
  modelCost: client.Counter<'model'>;
  modelLatency: client.Histogram<'model' | 'outcome'>;
  modelFallbacks: client.Counter;
  escalations: client.Counter<'reason'>;
  outboxBacklog: client.Gauge;
}

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'fixline_' });
  const m = <T>(metric: T) => metric;
  return {
    registry,
    httpRequests: m(
      new client.Counter({
        name: 'fixline_http_requests_total',
        help: 'HTTP requests by route and status',
        labelNames: ['method', 'route', 'status'],
        registers: [registry],
      }),
    ),
    httpDuration: m(
      new client.Histogram({
        name: 'fixline_http_request_duration_seconds',
        help: 'HTTP request latency (time to response headers) by route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
    ),
    activeStreams: new client.Gauge({ name: 'fixline_active_streams', help: 'Answers being generated right now', registers: [registry] }),
    modelTokens: new client.Counter({
      name: 'fixline_model_tokens_total',
      help: 'Model tokens by model and kind',
      labelNames: ['model', 'kind'],
      registers: [registry],
    }),
    modelCost: new client.Counter({
      name: 'fixline_model_cost_usd_total',
      help: 'Estimated model cost in USD',
      labelNames: ['model'],
      registers: [registry],
    }),
    modelLatency: new client.Histogram({
      name: 'fixline_model_latency_seconds',
      help: 'Model answer latency',
      labelNames: ['model', 'outcome'],
      buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 40, 80],
      registers: [registry],
    }),
    modelFallbacks: new client.Counter({
      name: 'fixline_model_fallbacks_total',
      help: 'Answers that needed the fallback model',
      registers: [registry],
    }),
    escalations: new client.Counter({
      name: 'fixline_escalations_total',
      help: 'Escalations by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    outboxBacklog: new client.Gauge({ name: 'fixline_outbox_backlog', help: 'Emails waiting in the outbox', registers: [registry] }),
  };
}

export function metrics(): Metrics {
  return singleton('fixlineMetrics', create);
}
