// Error codes, part numbers and model names: tokens that mix letters and digits (E07, AT-400-1021,
// SERVO42C) or start with capitals and a digit. They are matched by trigram similarity, written
// without separators on both sides, so "E-07" finds "E07" and the other way round.
import 'server-only';
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}._\-/]*[\p{L}\p{N}]|\p{N}/gu;

function isCode(token: string): boolean {
  return (/\p{N}/u.test(token) && /[\p{L}-]/u.test(token)) || /^[A-Z]{2,}[\p{N}-]/u.test(token);
}

// Messages a machine shows on its display: two or more capitalised words ("Waiting V+ Power!").
const DISPLAY_MESSAGE = /\b[A-Z][\p{L}\p{N}+]*(?:[ \t]+[A-Z+][\p{L}\p{N}+]*){1,4}/gu;

const SEPARATORS = /[._\-/]/g;
const HAS_SEPARATOR = /[._\-/]/;

/** A code without its separators ("E-07" → "E07", "AT-400-1021" → "AT4001021"). */
function compactCode(code: string): string {
  return code.replace(SEPARATORS, '');
}

/** Codes (without separators, unless `compact` is false) and display messages in a question (at most a few). */
export function codeTerms(query: string, { compact = true } = {}): string[] {
  const messages = (query.match(DISPLAY_MESSAGE) ?? []).map((m) => m.trim());
  const codes = (query.match(TOKEN) ?? []).filter(isCode);
  return [...new Set([...(compact ? codes.map(compactCode) : codes), ...messages])].slice(0, 6);
}

/**
 * Codes and display messages in a passage, stored with it (short, so the trigram index stays
 * fast). A code written with separators is stored as written and without them.
 */
export function passageCodes(text: string, max = 40): string {
  const messages = [...text.matchAll(/\b([A-Z][\p{L}\p{N}+]*(?:[ \t]+[A-Z+][\p{L}\p{N}+]*){0,4})!/gu)].map((m) => m[1]);
  const codes = (text.match(TOKEN) ?? []).filter(isCode).flatMap((c) => (HAS_SEPARATOR.test(c) ? [c, compactCode(c)] : [c]));
  return [...new Set([...messages, ...codes].map((t) => t.slice(0, 40)))].slice(0, max).join(' ');
}
