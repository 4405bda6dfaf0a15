/** How long a live connection waits before its next try after `failures` failed ones: 1 s doubling with each, at most 30 s. */
export function reconnectDelay(failures: number): number {
  return Math.min(30_000, 1_000 * 2 ** failures);
}
