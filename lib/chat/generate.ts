import 'server-only';
import { checkpointMessage, updateMessage } from '@/db/queries/chat';
import type { AiSession, Citation } from '@/db/schema';
import { analyticsEvent, track } from '@/lib/analytics';
import { env } from '@/lib/env';
import { fitContext, llmAvailable, streamCompletion, type LlmResult } from '@/lib/llm';
import { errorSummary, log } from '@/lib/log';
import { CHAT_POLICY } from '@/lib/policies';
import { manualsOnlyAnswer, numberCitations, pieces, quotedPassages, toCitations } from './answer';
import type { AnswerStatus } from '@/lib/live/events';
import { publish } from '@/lib/live/hub';
import { clearGenerating, isWatched, markGenerating, publishToken, resetText } from './live';
import { questionWithSources, systemPrompt } from './prompts';
import { stop, type StopReason } from './registry';
import type { Sources } from './sources';

class ModelCutOff extends Error {}

export interface GenerationInput {
  session: AiSession;
  userId: string;
  assistantMessageId: string;
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  /** The answer's sources, already being looked up (started while the turn was stored). */
  sources: Promise<Sources>;
  /** Called with the finished answer, before its `done` event (escalation policy). */
  onComplete?: (answer: CompletedAnswer) => Promise<void>;
  /** Follow-up work after `done` (the conversation title); part of the background task. */
  afterDone?: () => Promise<void>;
}

export interface CompletedAnswer {
  messageId: string;
  text: string;
  mode: 'ai' | 'manuals_only';
  citations: Citation[];
  retrievedCount: number;
  modelFailed: boolean;
}

/** Generates one answer: retrieval, the model (or manuals only), live tokens, and the stored result. */
export async function generateAnswer(input: GenerationInput, signal: AbortSignal, stopReason: () => StopReason | undefined): Promise<void> {
  const { session, assistantMessageId: messageId } = input;
  const started = performance.now();
  let text = '';
  let firstTokenMs: number | null = null;

  const emit = (piece: string) => {
    if (!piece) return;
    firstTokenMs ??= Math.round(performance.now() - started);
    const offset = text.length;
    text += piece;
    publishToken(session.id, messageId, piece, offset);
  };

  const heartbeat = setInterval(() => {
    void (async () => {
      // Saves the text so far; also the heartbeat that tells other servers this answer is alive.
      await checkpointMessage({ id: messageId, content: text });
      await markGenerating(session.id, messageId, CHAT_POLICY.staleSeconds * 3);
      if (!(await isWatched(session.id))) stop(messageId, 'detached');
    })().catch((error) => log().warn({ err: errorSummary(error), messageId }, 'checkpoint failed'));
  }, CHAT_POLICY.checkpointSeconds * 1000);

  try {
    const sources = await input.sources;
    const chunks = sources.passages;
    let result: LlmResult | null = null;
    let modelFailed = false;

    if (llmAvailable()) {
      try {
        const messages = fitContext({
          system: systemPrompt(session),
          history: input.history,
          question: questionWithSources(input.question, chunks, { answerable: sources.answerable }),
          budgetTokens: CHAT_POLICY.contextTokens + env().OPENAI_MAX_TOKENS,
        });
        for await (const event of streamCompletion({ messages, signal })) {
          if (event.type === 'token') emit(event.text);
          else if (event.type === 'reset') {
            text = '';
            await resetText(session.id, messageId);
          } else result = event.result;
        }
      } catch (error) {
        if (signal.aborted) throw error;
        modelFailed = true;
        // Cut off mid-answer: keep what was written, clearly marked, rather than splice in another answer.
        if (text) throw new ModelCutOff((error as Error).message);
        log().warn({ err: errorSummary(error), messageId }, 'both models failed: answering from the manuals only');
      }
    }

    const mode = result ? 'ai' : 'manuals_only';
    let citations: Citation[] = [];
    let renumbered: string | undefined;
    if (result) {
      // Numbered in the order the answer cites them, one per page and section.
      const numbered = numberCitations(text, toCitations(chunks, input.question));
      citations = numbered.citations;
      if (numbered.text !== text) renumbered = text = numbered.text;
    } else {
      if (text) {
        text = '';
        await resetText(session.id, messageId);
      }
      // Passages that do not answer the question are not quoted as if they did.
      const quoted = sources.confidence === 'none' ? [] : quotedPassages(chunks);
      citations = toCitations(quoted, input.question);
      for (const piece of pieces(
        manualsOnlyAnswer(quoted, modelFailed ? 'model_failed' : 'not_configured', input.question, sources.confidence),
      )) {
        if (signal.aborted) throw new Error('aborted');
        emit(piece);
      }
    }

    await publish(session.id, { type: 'citations', messageId, citations, ...(renumbered !== undefined ? { text: renumbered } : {}) });
    const latencyMs = Math.round(performance.now() - started);
    await updateMessage({
      id: messageId,
      content: text,
      status: 'complete',
      mode,
      citations,
      model: result?.model ?? null,
      fallbackUsed: result?.fallbackUsed ?? false,
      promptTokens: result?.promptTokens ?? null,
      completionTokens: result?.completionTokens ?? null,
      latencyMs,
      firstTokenMs,
      costUsd: result ? result.costUsd.toFixed(6) : null,
      completedAt: new Date(),
    });
    await track(
      analyticsEvent(
        'answer_completed',
        { userId: input.userId, sessionId: session.id, messageId },
        {
          latencyMs,
          firstTokenMs,
          mode,
          model: result?.model ?? null,
          fallbackUsed: result?.fallbackUsed ?? false,
          promptTokens: result?.promptTokens ?? 0,
          completionTokens: result?.completionTokens ?? 0,
          costUsd: result?.costUsd ?? 0,
          sources: chunks.length,
          cited: citations.length,
          modelFailed,
          answerable: sources.answerable,
          coverage: Number(sources.coverage.toFixed(3)),
        },
      ),
    );
    // Before `done`, so an escalation offer reaches the stream that asked the question.
    await input
      .onComplete?.({ messageId, text, mode, citations, retrievedCount: chunks.length, modelFailed })
      .catch((error) => log().error({ err: errorSummary(error), messageId }, 'after-answer step failed'));
    await finish('complete', mode, result);
    await input.afterDone?.().catch(() => {});
  } catch (error) {
    const reason = stopReason();
    const cutOff = error instanceof ModelCutOff;
    const status: AnswerStatus = reason === 'stopped' ? 'stopped' : reason || cutOff || text ? 'interrupted' : 'failed';
    if (!reason && !cutOff) log().error({ err: errorSummary(error), messageId }, 'answer failed');
    if (cutOff) log().warn({ err: errorSummary(error), messageId }, 'model stopped mid-answer; partial answer kept');
    const note =
      reason === 'stopped'
        ? null
        : reason === 'shutdown'
          ? 'The server restarted while this answer was being written.'
          : reason === 'detached'
            ? 'The answer was stopped because nobody was reading it any more.'
            : cutOff
              ? 'The AI model stopped responding in the middle of this answer.'
              : 'Something went wrong while writing this answer.';
    await updateMessage({
      id: messageId,
      content: text,
      status,
      error: note,
      latencyMs: Math.round(performance.now() - started),
      firstTokenMs,
      completedAt: new Date(),
    });
    await finish(status, null, null);
  } finally {
    clearInterval(heartbeat);
    await clearGenerating(session.id, messageId);
  }

  async function finish(status: AnswerStatus, mode: 'ai' | 'manuals_only' | null, result: LlmResult | null) {
    // Cleared first, so a reader who reloads on `done` no longer sees the answer as in progress.
    await clearGenerating(session.id, messageId);
    await publish(session.id, {
      type: 'done',
      messageId,
      status,
      mode,
      model: result?.model ?? null,
      fallbackUsed: result?.fallbackUsed ?? false,
      usage: { promptTokens: result?.promptTokens ?? 0, completionTokens: result?.completionTokens ?? 0 },
    });
  }
}
