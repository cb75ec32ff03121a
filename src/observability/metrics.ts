import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one instance; a fresh registry per app so tests never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const eventsReceived = new Counter({ name: 'zalo_events_total', help: 'Webhook events accepted, by event name', labelNames: ['event'] as const, registers: [registry] });
  const webhookRejected = new Counter({ name: 'zalo_webhook_rejected_total', help: 'Webhook requests refused, by reason', labelNames: ['reason'] as const, registers: [registry] });
  const duplicates = new Counter({ name: 'zalo_events_duplicate_total', help: 'Events ignored because they were already accepted', registers: [registry] });
  const repliesSent = new Counter({ name: 'zalo_replies_sent_total', help: 'Messages sent to users through the OA API', registers: [registry] });
  const zaloErrors = new Counter({ name: 'zalo_api_errors_total', help: 'Zalo API errors, by error code', labelNames: ['code'] as const, registers: [registry] });
  const turns = new Counter({ name: 'bot_turns_total', help: 'Conversation turns handled, by decision', labelNames: ['decision'] as const, registers: [registry] });
  const jobFailures = new Counter({ name: 'bot_job_failures_total', help: 'Event jobs that failed (will be retried unless permanent)', registers: [registry] });
  let depthSource: () => Promise<number> = async () => 0;
  const queueDepth = new Gauge({
    name: 'bot_queue_depth',
    help: 'Event jobs waiting, delayed or running',
    registers: [registry],
    async collect() {
      this.set(await depthSource().catch(() => 0));
    },
  });
  /** Where the queue-depth gauge reads from at scrape time. */
  const setQueueDepthSource = (fn: () => Promise<number>) => {
    depthSource = fn;
  };
  let tokenChainSource: () => Promise<boolean> = async () => false;
  const tokenChainBroken = new Gauge({
    name: 'zalo_token_chain_broken',
    help: '1 while no Zalo access token can be had until a refresh succeeds (refused, or failing and backing off)',
    registers: [registry],
    async collect() {
      this.set((await tokenChainSource().catch(() => false)) ? 1 : 0);
    },
  });
  /** Where the token-chain gauge reads from at scrape time (the shared state in the store). */
  const setTokenChainSource = (fn: () => Promise<boolean>) => {
    tokenChainSource = fn;
  };
  const tokenRefreshFailures = new Counter({ name: 'zalo_token_refresh_failures_total', help: 'Zalo OAuth refreshes that failed, by reason (refused, timeout, network, http)', labelNames: ['reason'] as const, registers: [registry] });
  const webhookAck = new Histogram({
    name: 'zalo_webhook_ack_seconds',
    help: 'Time from request to acknowledgement of a webhook event',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  const turnDuration = new Histogram({
    name: 'bot_turn_seconds',
    help: 'Time to handle one event job, from dequeue to reply sent',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const eventLag = new Histogram({
    name: 'bot_event_lag_seconds',
    help: 'Time from webhook acknowledgement to the start of handling',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  return { registry, setQueueDepthSource, tokenChainBroken, setTokenChainSource, tokenRefreshFailures, eventsReceived, webhookRejected, duplicates, repliesSent, zaloErrors, turns, jobFailures, queueDepth, webhookAck, turnDuration, eventLag };
}

export type Metrics = ReturnType<typeof createMetrics>;
