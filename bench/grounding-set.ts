// The grounding question set (tests/fixtures/grounding): technicians' questions over the shared
// manuals and the demo manual, each with the pages that answer it, split once into halves.
import fs from 'node:fs';
import path from 'node:path';

export type Kind = 'symptom' | 'howto' | 'spec' | 'code' | 'typo' | 'language' | 'followup' | 'unanswerable';
export type Half = 'tune' | 'test';

export interface GroundingQuestion {
  id: string;
  q: string;
  /** 1-based PDF pages that answer it; empty for a question the manuals do not answer. */
  pages: number[];
  kind: Kind;
  split: Half;
  /** The technician's earlier messages in the conversation, oldest first. */
  history?: string[];
  /** The machine model set on the conversation (the question itself does not name it). */
  machineModel?: string;
  /** Key of the manual it is about. */
  manual: string;
}

export interface GroundingManual {
  key: string;
  path: string;
  title: string;
  machineModels: string[];
}

const DIR = path.resolve(__dirname, '../tests/fixtures/grounding');
const ROOTS: Record<string, string> = {
  shared: path.resolve(__dirname, '../../shared/manuals'),
  assets: path.resolve(__dirname, '../assets'),
};

export function loadGroundingSet(): { manuals: GroundingManual[]; questions: GroundingQuestion[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manuals.json'), 'utf8')) as {
    manuals: Record<string, { file: string; title: string; machineModels: string[] }>;
  };
  const manuals = Object.entries(manifest.manuals).map(([key, m]) => {
    const [root, file] = m.file.split(':');
    return { key, path: path.join(ROOTS[root], file), title: m.title, machineModels: m.machineModels };
  });
  const questions = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json') && f !== 'manuals.json')
    .flatMap((f) => {
      const data = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as {
        manual: string;
        questions: Omit<GroundingQuestion, 'manual'>[];
      };
      return data.questions.map((q) => ({ ...q, manual: data.manual }));
    });
  return { manuals, questions };
}
