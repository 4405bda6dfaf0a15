/**
 * Applies a streamed token to the answer text. `offset` is where `text` starts in the full answer;
 * the same tokens may arrive twice (the POST stream and the live stream), so only the part beyond
 * what we already have is appended. A token that starts past our end (a gap) is ignored: the
 * missing text comes with the next snapshot or reload.
 */
export function mergeToken(current: string, text: string, offset: number): string {
  if (offset < 0 || offset > current.length) return current;
  const fresh = text.slice(current.length - offset);
  return fresh ? current + fresh : current;
}

/** A snapshot is the whole text so far; it never shortens what the other stream already delivered. */
export function mergeSnapshot(current: string, snapshot: string): string {
  return snapshot.length >= current.length ? snapshot : current;
}
