import 'server-only';
import { AttemptPlan } from './attempts';
import { generationParams, llmClient } from './client';
import type { GenerationOptions, LlmResult } from './types';
import { Watchdog } from './watchdog';

export type CompletionResult = LlmResult & { text: string };

/** One whole answer without streaming (titles, summaries), with the same retry and fallback policy. */
export async function completeText(opts: GenerationOptions): Promise<CompletionResult> {
  const plan = new AttemptPlan(opts.signal);
  const promptChars = opts.messages.reduce((n, m) => n + m.content.length, 0);

  for await (const attempt of plan) {
    // Never re-armed: without streaming, OPENAI_TIMEOUT bounds the whole request.
    const dog = new Watchdog(plan.timeoutMs, opts.signal);
    try {
      const response = await llmClient().chat.completions.create(
        { ...generationParams(attempt.model, opts), messages: opts.messages, stream: false },
        { signal: dog.signal },
      );
      const cut = dog.failure();
      if (cut) throw cut;
      const choice = response.choices[0];
      const text = choice?.message?.content ?? '';
      return {
        text,
        ...plan.succeeded(attempt, { promptChars, text, usage: response.usage, finishReason: choice?.finish_reason ?? null }),
      };
    } catch (error) {
      plan.failed(attempt, dog.failure() ?? error, '', promptChars);
    } finally {
      dog.dispose();
    }
  }
  throw plan.unavailable('');
}
