// How the retention purge runs; how long data is kept is configured (RETENTION_DAYS and friends in lib/env).

export const RETENTION_POLICY = {
  /** A purge runs at start and then at this interval on each instance (the lock lets one of them do it). */
  intervalMs: 60 * 60_000,
  /** Rows per delete statement: short statements, so no table is held for long. */
  batchSize: 500,
  /** Replaced manual versions per transaction (each with its pages and passages). */
  manualBatchSize: 5,
  /** The lock outlives a crashed holder by at most this long; a run checks it still holds it between batches. */
  lockSeconds: 15 * 60,
  lockKey: 'retention:purge-lock',
} as const;
