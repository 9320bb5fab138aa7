import type { InboundSource } from '../db/schema/inbound-events.js';

/**
 * How inbound events fared, for /metrics: `stored` (new, kept before the platform got its 200),
 * `duplicate` (a platform's retry or redelivery, dropped), `not_stored` (the database refused it:
 * the platform is answered 500 and sends it again), `processed` (took effect), `failed` (given up
 * after its last attempt, said in the case thread).
 */
export type InboundOutcome = 'stored' | 'duplicate' | 'not_stored' | 'processed' | 'failed';

/** Counts `count` events of `source` that ended so (handed in by the composition root). */
export type InboundCounter = (source: InboundSource, outcome: InboundOutcome, count: number) => void;
