// Error codes, part numbers and model names: tokens that mix letters and digits (E07, AT-400-1021,
// SERVO42C) or start with capitals and a digit. They are matched by trigram similarity.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}._\-/]*[\p{L}\p{N}]|\p{N}/gu;

function isCode(token: string): boolean {
  return (/\p{N}/u.test(token) && /[\p{L}-]/u.test(token)) || /^[A-Z]{2,}[\p{N}-]/u.test(token);
}

// Messages a machine shows on its display: two or more capitalised words ("Waiting V+ Power!").
const DISPLAY_MESSAGE = /\b[A-Z][\p{L}\p{N}+]*(?:[ \t]+[A-Z+][\p{L}\p{N}+]*){1,4}/gu;

/** Codes and display messages in a question (at most a few). */
export function codeTerms(query: string): string[] {
  const messages = (query.match(DISPLAY_MESSAGE) ?? []).map((m) => m.trim());
  return [...new Set([...(query.match(TOKEN) ?? []).filter(isCode), ...messages])].slice(0, 6);
}

/** Codes and display messages in a passage, stored with it (short, so the trigram index stays fast). */
export function passageCodes(text: string, max = 40): string {
  const messages = [...text.matchAll(/\b([A-Z][\p{L}\p{N}+]*(?:[ \t]+[A-Z+][\p{L}\p{N}+]*){0,4})!/gu)].map((m) => m[1]);
  const codes = (text.match(TOKEN) ?? []).filter(isCode);
  return [...new Set([...messages, ...codes].map((t) => t.slice(0, 40)))].slice(0, max).join(' ');
}
