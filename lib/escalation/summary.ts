import 'server-only';
import { completeText, llmAvailable } from '@/lib/llm';
import { log } from '@/lib/log';
import { markdownToLine } from '@/lib/text/markdown';
import { ESCALATION_POLICY, REASON_LABEL, type EscalationReason } from './policy';
import { summaryPrompt } from './prompts';
import { transcriptText, type TranscriptEntry } from './transcript';

export interface SummaryInput {
  entries: TranscriptEntry[];
  reason: EscalationReason;
  note: string | null;
  machineModel: string | null;
  serialNumber: string | null;
  /** False when the technician has not consented to AI processing: the summary is then extractive. */
  modelAllowed: boolean;
}

export interface Summary {
  text: string;
  source: 'ai' | 'extractive';
}

function machineLine({ machineModel, serialNumber }: Pick<SummaryInput, 'machineModel' | 'serialNumber'>): string {
  if (!machineModel && !serialNumber) return 'not given';
  return [machineModel, serialNumber ? `serial ${serialNumber}` : null].filter(Boolean).join(', ');
}

// Answers are Markdown: quoted as the words only, so no `**` or `> ##` shows in the summary.
const quote = (text: string, max = 280, markdown = false) => {
  const clean = markdown ? markdownToLine(text) : text.replace(/\s+/g, ' ').trim();
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`;
};

/** Without a model: the facts picked straight from the conversation. */
export function extractiveSummary(input: Omit<SummaryInput, 'modelAllowed'>): string {
  const fromTech = input.entries.filter((e) => e.role === 'user');
  const lastAnswer = [...input.entries].reverse().find((e) => e.role === 'assistant');
  const lines = [`- Reason: ${REASON_LABEL[input.reason]}.`, `- Machine: ${machineLine(input)}.`];
  if (fromTech[0]) lines.push(`- First message: ${quote(fromTech[0].content)}`);
  const latest = fromTech[fromTech.length - 1];
  if (latest && latest !== fromTech[0]) lines.push(`- Latest message: ${quote(latest.content)}`);
  if (lastAnswer) {
    const pages = [...new Set(lastAnswer.citations.map((c) => `${c.title} p. ${c.page}`))].slice(0, 3);
    lines.push(
      `- Last answer: ${quote(lastAnswer.content, 220, true)}${pages.length ? ` (cites ${pages.join('; ')})` : ' (no manual cited)'}`,
    );
  }
  if (input.note) lines.push(`- Technician's note: ${quote(input.note)}`);
  lines.push(`- ${input.entries.length} messages in the conversation, ${fromTech.length} from the technician.`);
  return lines.join('\n');
}

/** A model-written summary within `timeoutMs`, or the extractive one when no model answers in time. */
export async function summarise(input: SummaryInput, timeoutMs: number): Promise<Summary> {
  if (input.modelAllowed && llmAvailable() && input.entries.length) {
    try {
      const { text } = transcriptText(input.entries, ESCALATION_POLICY.summaryInputChars);
      const result = await completeText({
        messages: summaryPrompt({ machine: machineLine(input), reason: REASON_LABEL[input.reason], note: input.note, transcript: text }),
        maxTokens: 350,
        temperature: 0.1,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const written = result.text.trim();
      if (written) return { text: written.slice(0, 4000), source: 'ai' };
    } catch (error) {
      log().warn({ err: (error as Error).message }, 'escalation summary: model unavailable, using the extractive summary');
    }
  }
  return { text: extractiveSummary(input), source: 'extractive' };
}
