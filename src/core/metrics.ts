import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's operational figures, exposed by the web adapter at /metrics.
 * Counters are bumped where answers and check-ins happen (a few additions per
 * event); nothing here carries a member id or any text.
 */
export const metricsRegistry = new Registry();
let processMetrics = false;
/** Node's own figures (CPU, memory, event loop, GC), gathered only in a process that serves /metrics. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'pivot_' });
}

const answers = new Counter({
  name: 'pivot_answers_total',
  help: 'Answers given, by mode (llm or offline)',
  labelNames: ['mode'],
  registers: [metricsRegistry],
});
const answerLatency = new Histogram({
  name: 'pivot_answer_latency_seconds',
  help: 'Time from question to stored answer, by mode',
  labelNames: ['mode'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
  registers: [metricsRegistry],
});
const modelErrors = new Counter({
  name: 'pivot_model_errors_total',
  help: 'Model calls that failed (timeouts, refusals, unreachable)',
  registers: [metricsRegistry],
});
const modelFallbacks = new Counter({
  name: 'pivot_model_fallbacks_total',
  help: 'Answers given offline in place of a failed or unaffordable model call',
  registers: [metricsRegistry],
});
const checkins = new Counter({
  name: 'pivot_checkins_total',
  help: 'Weekly check-ins by outcome (sent, failed, missed)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});
const queueDepth = new Histogram({
  name: 'pivot_member_queue_depth',
  help: "Depth of a member's queue when one of their messages joins it (1: answered at once)",
  buckets: [1, 2, 3, 5, 10, 20],
  registers: [metricsRegistry],
});
const queuePending = new Gauge({ name: 'pivot_queue_pending', help: 'Messages queued or being answered, all members together', registers: [metricsRegistry] });

let inboxBacklog: (() => number) | undefined;
new Gauge({
  name: 'pivot_inbox_backlog',
  help: 'Discord messages received but not yet answered and delivered',
  registers: [metricsRegistry],
  collect() {
    this.set(inboxBacklog ? inboxBacklog() : 0);
  },
});

export function countAnswer(mode: string, latencyMs: number): void {
  answers.inc({ mode });
  answerLatency.observe({ mode }, latencyMs / 1000);
}
export const countModelError = () => modelErrors.inc();
export const countModelFallback = () => modelFallbacks.inc();
export function countCheckins(outcome: 'sent' | 'failed' | 'missed', n: number): void {
  if (n > 0) checkins.inc({ outcome }, n);
}
export function countQueued(depth: number): void {
  queueDepth.observe(depth);
  queuePending.inc();
}
export const countDequeued = () => queuePending.dec();
/** Where the inbox backlog is read from; set by whoever runs the Discord inbox. */
export function measureInboxBacklog(read: (() => number) | undefined): void {
  inboxBacklog = read;
}
