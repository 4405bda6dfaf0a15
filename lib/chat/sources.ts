// The manual passages an answer is grounded in, and whether they answer the question.
import 'server-only';
import { completeText, llmAvailable } from '@/lib/llm';
import { errorSummary, log } from '@/lib/log';
import { CHAT_POLICY } from '@/lib/policies';
import { searchManuals, type SearchResult } from '@/lib/retrieval';
import { detectQueryConfig } from '@/lib/retrieval/language';
import { searchRewritePrompt } from './prompts';

export type Sources = SearchResult;

export interface SourcesQuery {
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  machineModel: string | null;
}

/** How long the model may take to put a question into the manuals' words before the search goes on without it. */
const REWRITE_TIMEOUT_MS = 4_000;

/**
 * Searches the manuals with the question and the conversation's earlier questions (a follow-up is
 * searched with them). Where a model is configured and the question is in another language than
 * English, or its words find no passage that answers it, the model puts it into a service manual's
 * English words and the search runs again with those; the better of the two is kept.
 */
export async function findSources({ question, history, machineModel }: SourcesQuery): Promise<Sources> {
  const earlier = history.filter((m) => m.role === 'user').map((m) => m.content);
  const first = await searchManuals({ query: question, history: earlier, machineModel, limit: CHAT_POLICY.sourcesPerAnswer });
  if (!llmAvailable() || (first.answerable && detectQueryConfig(question) === 'english')) return first;
  const rewritten = await rewriteForSearch(question, earlier);
  if (!rewritten) return first;
  const second = await searchManuals({ query: rewritten, history: earlier, machineModel, limit: CHAT_POLICY.sourcesPerAnswer });
  return second.answerable && (!first.answerable || second.coverage > first.coverage) ? second : first;
}

async function rewriteForSearch(question: string, earlier: string[]): Promise<string | null> {
  try {
    const { text } = await completeText({
      messages: searchRewritePrompt(question, earlier),
      maxTokens: 80,
      signal: AbortSignal.timeout(REWRITE_TIMEOUT_MS),
    });
    const query = text.replace(/\s+/g, ' ').trim().slice(0, 400);
    return query && query.toLowerCase() !== question.trim().toLowerCase() ? query : null;
  } catch (error) {
    log().debug({ err: errorSummary(error) }, 'question not rewritten for the search');
    return null;
  }
}
