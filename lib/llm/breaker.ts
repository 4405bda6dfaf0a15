// A circuit breaker per model: after MODEL_BREAKER_FAILURES failures in a row (within
// MODEL_BREAKER_WINDOW_SECONDS) a model is skipped for MODEL_BREAKER_COOLDOWN_SECONDS, so turns go
// straight to the fallback instead of paying for the retries of a model that is down. Then one
// request is let through as a probe: its success closes the breaker, its failure opens it again.
import 'server-only';
import client from 'prom-client';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { metrics } from '@/lib/ops/metrics';
import { singleton } from '@/lib/singleton';

export type BreakerState = 'closed' | 'open' | 'half_open';
/** What a caller may do with a model now: use it, send the one probe, or skip it. */
export type Admission = 'use' | 'probe' | 'skip';

interface Breaker {
  state: BreakerState;
  /** Failures in a row, counted from `firstFailureAt`. */
  failures: number;
  firstFailureAt: number;
  openedAt: number;
  /** A probe is out (half-open): other calls skip the model until it returns. */
  probing: boolean;
}

export interface BreakerView {
  model: string;
  state: BreakerState;
  failures: number;
  /** Open: when the next probe may go (ISO time). */
  retryAt?: string;
}

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** The breakers, started afresh when the settings change (as the model client is). */
function breakers(): Map<string, Breaker> {
  const current = env();
  return singleton(
    'fixlineBreakers',
    () => ({ settings: current, map: new Map<string, Breaker>() }),
    (cached) => cached.settings === current,
  ).map;
}

/** The breaker gauges, on the app's metrics registry (read when /api/metrics is scraped). */
function instruments() {
  const { registry } = metrics();
  return singleton(
    'fixlineBreakerMetrics',
    () => ({
      registry,
      transitions: new client.Counter({
        name: 'fixline_model_breaker_transitions_total',
        help: 'Model circuit breaker changes of state, by model and the state entered',
        labelNames: ['model', 'state'],
        registers: [registry],
      }),
      skipped: new client.Counter({
        name: 'fixline_model_breaker_skipped_total',
        help: 'Model calls that skipped a model because its circuit breaker was open',
        labelNames: ['model'],
        registers: [registry],
      }),
      state: new client.Gauge({
        name: 'fixline_model_breaker_state',
        help: 'Model circuit breaker state: 0 closed, 1 half-open (one probe allowed), 2 open (skipped)',
        labelNames: ['model'],
        registers: [registry],
        collect() {
          for (const view of breakerStates()) this.set({ model: view.model }, STATE_VALUE[view.state]);
        },
      }),
    }),
    (cached) => cached.registry === registry,
  );
}

function settings() {
  const s = env();
  return {
    threshold: s.MODEL_BREAKER_FAILURES,
    windowMs: s.MODEL_BREAKER_WINDOW_SECONDS * 1000,
    cooldownMs: s.MODEL_BREAKER_COOLDOWN_SECONDS * 1000,
  };
}

function breakerOf(model: string): Breaker {
  instruments();
  let b = breakers().get(model);
  if (!b) {
    b = { state: 'closed', failures: 0, firstFailureAt: 0, openedAt: 0, probing: false };
    breakers().set(model, b);
  }
  return b;
}

function enter(model: string, b: Breaker, state: BreakerState): void {
  if (b.state === state) return;
  const from = b.state;
  b.state = state;
  instruments().transitions.inc({ model, state });
  const level = state === 'open' ? 'warn' : 'info';
  log()[level]({ model, from, to: state, failures: b.failures }, 'model circuit breaker');
}

/** Whether a call may use `model` now; a 'probe' must be followed by success(), failure() or release(). */
export function admit(model: string, now = Date.now()): Admission {
  const b = breakerOf(model);
  if (b.state === 'closed') return 'use';
  if (b.state === 'open' && now - b.openedAt >= settings().cooldownMs) enter(model, b, 'half_open');
  if (b.state === 'half_open' && !b.probing) {
    b.probing = true;
    return 'probe';
  }
  instruments().skipped.inc({ model });
  return 'skip';
}

export function breakerState(model: string): BreakerState {
  return breakers().get(model)?.state ?? 'closed';
}

export function recordSuccess(model: string): void {
  const b = breakerOf(model);
  b.failures = 0;
  b.probing = false;
  enter(model, b, 'closed');
}

export function recordFailure(model: string, now = Date.now()): void {
  const b = breakerOf(model);
  const { threshold, windowMs } = settings();
  if (b.state === 'closed') {
    if (b.failures === 0 || now - b.firstFailureAt > windowMs) {
      b.failures = 0;
      b.firstFailureAt = now;
    }
    b.failures += 1;
    if (b.failures < threshold) return;
  } else b.failures += 1;
  // Too many in a row, or the probe failed: skipped again for a cool-down.
  b.openedAt = now;
  b.probing = false;
  enter(model, b, 'open');
}

/** A probe that ended without an answer either way (the caller gave up): the next call probes. */
export function releaseProbe(model: string): void {
  const b = breakers().get(model);
  if (b?.state === 'half_open') b.probing = false;
}

export function breakerStates(now = Date.now()): BreakerView[] {
  const { cooldownMs } = settings();
  return [...breakers()].map(([model, b]) => ({
    model,
    state: b.state,
    failures: b.failures,
    ...(b.state === 'open' ? { retryAt: new Date(Math.max(now, b.openedAt + cooldownMs)).toISOString() } : {}),
  }));
}
