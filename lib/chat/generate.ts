import 'server-only';
import { isDatabaseUnavailable } from '@/db';
import { checkpointMessage, updateMessage } from '@/db/queries/chat';
import type { AiSession, Citation } from '@/db/schema';
import { analyticsEvent, track } from '@/lib/analytics';
import { env } from '@/lib/env';
import { fitContext, llmAvailable, streamCompletion, type LlmResult } from '@/lib/llm';
import { errorSummary, log } from '@/lib/log';
import { onShutdown } from '@/lib/ops/lifecycle';
import { CHAT_POLICY } from '@/lib/policies';
import { singleton } from '@/lib/singleton';
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
    await saveFinal({
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
    if (error instanceof FinalWriteFailed) return await unsaved(error);
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
    try {
      await saveFinal({
        id: messageId,
        content: text,
        status,
        error: note,
        latencyMs: Math.round(performance.now() - started),
        firstTokenMs,
        completedAt: new Date(),
      });
    } catch (failure) {
      if (failure instanceof FinalWriteFailed) return await unsaved(failure);
      throw failure;
    }
    await finish(status, null, null);
  } finally {
    clearInterval(heartbeat);
    await clearGenerating(session.id, messageId);
  }

  /** The answer could not be stored: it is saved once the database is back, and the readers are told. */
  async function unsaved(failure: FinalWriteFailed) {
    log().warn({ err: errorSummary(failure.cause), messageId }, 'answer not saved: database unreachable; saving it once it is back');
    const { changes } = failure;
    settleLater(changes.status === 'complete' ? { ...changes, error: LATE_NOTE } : changes);
    await clearGenerating(session.id, messageId);
    await publish(session.id, { type: 'error', messageId, code: 'unavailable', message: UNSAVED_MESSAGE });
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

// ---------------------------------------------------------------- the last write of an answer
// The database may be restarting just as an answer ends. Its last write (the text, status and
// citations) is retried for a few seconds; if the database is still away, the readers get an
// `error` event and the write is kept here and made as soon as the database is back.

type FinalChanges = Parameters<typeof updateMessage>[0];

/** How long the last write of an answer is retried while the database is unreachable. */
export const FINAL_WRITE_RETRY_MS = 8_000;
const SETTLE_EVERY_MS = 1_000;
const LATE_NOTE = 'Saved late: the database was unreachable when this answer was finished.';
const UNSAVED_MESSAGE =
  "Fixline can't reach its database to save this answer. It is saved as soon as the database is back: reload in a moment.";

class FinalWriteFailed extends Error {
  constructor(
    readonly changes: FinalChanges,
    cause: unknown,
  ) {
    super('the answer could not be saved', { cause });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the answer's end, retrying while the database is unreachable (FinalWriteFailed once it gives up). */
async function saveFinal(changes: FinalChanges): Promise<void> {
  const deadline = Date.now() + FINAL_WRITE_RETRY_MS;
  for (let delay = 200; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      await updateMessage(changes);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw new FinalWriteFailed(changes, error);
      await sleep(delay);
    }
  }
}

interface Unsettled {
  writes: Map<string, FinalChanges>;
  timer: NodeJS.Timeout | null;
}

function unsettled(): Unsettled {
  return singleton('fixlineUnsettledAnswers', () => {
    const state: Unsettled = { writes: new Map(), timer: null };
    // One last try before the database closes; what is still unsaved then is settled as
    // "interrupted" by the next start-up.
    onShutdown('unsaved answers', async () => {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      if (state.writes.size) await settlePending();
    });
    return state;
  });
}

function settleLater(changes: FinalChanges): void {
  unsettled().writes.set(changes.id, changes);
  scheduleSettle();
}

function scheduleSettle(): void {
  const state = unsettled();
  if (state.timer || !state.writes.size) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void settlePending().finally(scheduleSettle);
  }, SETTLE_EVERY_MS);
  state.timer.unref();
}

/** Makes the writes kept while the database was unreachable; stops at the first that finds it still away. */
async function settlePending(): Promise<void> {
  const { writes } = unsettled();
  for (const [id, changes] of writes) {
    try {
      await updateMessage(changes);
      writes.delete(id);
      log().info({ messageId: id, status: changes.status }, 'answer saved after the database came back');
    } catch (error) {
      if (isDatabaseUnavailable(error)) return;
      writes.delete(id);
      log().error({ err: errorSummary(error), messageId: id }, 'answer could not be saved');
    }
  }
}

/** Answers whose last write waits for the database (tests, health). */
export function unsettledAnswers(): number {
  return unsettled().writes.size;
}
