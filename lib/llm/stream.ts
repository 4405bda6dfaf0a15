import 'server-only';
import { AttemptPlan } from './attempts';
import { generationParams, llmClient } from './client';
import { IncompleteStreamError } from './errors';
import type { GenerationOptions, LlmEvent } from './types';
import { Watchdog } from './watchdog';

/**
 * Streams one answer: the primary model with retries, then the fallback. A `reset` event voids
 * the text streamed so far (an attempt broke mid-answer and the next one starts from scratch).
 * Throws LlmUnavailableError when every attempt failed, LlmAbortError when `signal` aborts.
 */
export async function* streamCompletion(opts: GenerationOptions): AsyncGenerator<LlmEvent, void, undefined> {
  const plan = new AttemptPlan(opts.signal);
  const promptChars = opts.messages.reduce((n, m) => n + m.content.length, 0);
  let partial = '';
  let broken = '';

  for await (const attempt of plan) {
    if (partial) {
      yield { type: 'reset', reason: broken };
      partial = '';
    }
    const dog = new Watchdog(plan.timeoutMs, opts.signal);
    try {
      const stream = await llmClient().chat.completions.create(
        { ...generationParams(attempt.model, opts), messages: opts.messages, stream: true, stream_options: { include_usage: true } },
        { signal: dog.signal },
      );
      let usage: { prompt_tokens?: number; completion_tokens?: number } | null = null;
      let finishReason: string | null = null;
      dog.arm(true);
      for await (const chunk of stream) {
        const choice = chunk.choices?.[0];
        if (chunk.usage) usage = chunk.usage;
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const text = choice?.delta?.content;
        if (text) {
          dog.pause();
          partial += text;
          plan.markToken(attempt);
          yield { type: 'token', text };
        }
        dog.arm(true);
      }
      // The SDK ends iteration quietly when its request is aborted: find out whether we cut it.
      const cut = dog.failure();
      if (cut) throw cut;
      if (!finishReason) throw new IncompleteStreamError();
      yield { type: 'done', result: plan.succeeded(attempt, { promptChars, text: partial, usage, finishReason }) };
      return;
    } catch (error) {
      const failure = plan.failed(attempt, dog.failure() ?? error, partial, promptChars);
      broken = `${failure.model} failed mid-answer (${failure.message})`;
    } finally {
      dog.dispose();
    }
  }
  throw plan.unavailable(partial);
}
