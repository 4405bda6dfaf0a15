import 'server-only';
import type { ChatMessage } from './types';

/** Roughly 4 characters per token for English and similar text; good enough for budgets. */
export const CHARS_PER_TOKEN = 4;
/** Role markers and separators each message costs on top of its text. */
const MESSAGE_OVERHEAD_TOKENS = 4;
/** A turn cut shorter than this is not worth keeping. */
const MIN_TRUNCATED_TOKENS = 32;
const CUT = '\n[…]\n';

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateMessagesTokens(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
}

const cost = (content: string) => estimateTokens(content) + MESSAGE_OVERHEAD_TOKENS;

/** Keeps the start and the end (where a question or a conclusion usually is), cutting the middle. */
export function truncateMiddle(text: string, maxTokens: number): string {
  const maxChars = Math.max(0, maxTokens * CHARS_PER_TOKEN - CUT.length);
  if (text.length <= maxTokens * CHARS_PER_TOKEN) return text;
  const head = Math.ceil(maxChars * 0.6);
  return `${text.slice(0, head)}${CUT}${text.slice(text.length - (maxChars - head))}`;
}

export function omittedNote(count: number): string {
  return `(${count} earlier message${count === 1 ? '' : 's'} omitted)`;
}

export interface FitContextInput {
  system: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  question: string;
  budgetTokens: number;
}

/**
 * The messages for one model call within a token budget: the system prompt and the new question
 * always, then as many of the newest turns as fit. Older turns are replaced by a one-line note
 * (appended to the system message: some servers accept only one system message, and only first).
 */
export function fitContext({ system, history, question, budgetTokens }: FitContextInput): ChatMessage[] {
  const noteReserve = history.length ? estimateTokens(`\n\n${omittedNote(history.length)}`) : 0;
  const fixed = cost(system) + noteReserve;
  let ask = question;
  if (fixed + cost(ask) > budgetTokens)
    ask = truncateMiddle(ask, Math.max(MIN_TRUNCATED_TOKENS, budgetTokens - fixed - MESSAGE_OVERHEAD_TOKENS));

  let remaining = budgetTokens - fixed - cost(ask);
  const kept: ChatMessage[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    const need = cost(turn.content);
    if (need <= remaining) {
      kept.unshift({ role: turn.role, content: turn.content });
      remaining -= need;
      continue;
    }
    const room = remaining - MESSAGE_OVERHEAD_TOKENS;
    if (room >= MIN_TRUNCATED_TOKENS) kept.unshift({ role: turn.role, content: truncateMiddle(turn.content, room) });
    break;
  }

  const omitted = history.length - kept.length;
  const systemContent = omitted ? `${system}\n\n${omittedNote(omitted)}` : system;
  return [{ role: 'system', content: systemContent }, ...kept, { role: 'user', content: ask }];
}
