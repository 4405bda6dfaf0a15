// Vector search, when an embeddings model is configured: the question's embedding against the
// stored embeddings of the manuals searched, compared in this process. Each ready manual's vectors
// are read once per version (they never change until it is indexed again) and kept in memory.
import 'server-only';
import { listPassageEmbeddings, type SearchableManual } from '@/db/queries/retrieval';
import { embeddingsConfigured, embedTexts } from '@/lib/llm';
import { errorSummary, log } from '@/lib/log';
import { singleton } from '@/lib/singleton';

export const VECTOR_POLICY = {
  /** The question's embedding may take this long before the search goes on without it. */
  timeoutMs: 3_000,
  /** Passages ranked by similarity, at most. */
  listLength: 40,
  /** Manuals' vectors kept in memory, at most (least recently used go first). */
  cachedManuals: 200,
} as const;

interface ManualVectors {
  ids: string[];
  /** Unit vectors one after another. */
  data: Float32Array;
  dims: number;
}

function cache(): Map<string, Promise<ManualVectors>> {
  return singleton('fixlineVectors', () => new Map<string, Promise<ManualVectors>>());
}

function unit(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

async function load(manual: SearchableManual): Promise<ManualVectors> {
  const rows = await listPassageEmbeddings({ documentId: manual.id });
  const dims = rows[0]?.embedding.length ?? 0;
  const usable = rows.filter((r) => r.embedding.length === dims && dims > 0);
  const data = new Float32Array(usable.length * dims);
  usable.forEach((r, i) => data.set(unit(r.embedding), i * dims));
  return { ids: usable.map((r) => r.id), data, dims };
}

function vectorsOf(manual: SearchableManual): Promise<ManualVectors> {
  const key = `${manual.id}:${manual.version}`;
  const entries = cache();
  let entry = entries.get(key);
  if (entry) entries.delete(key); // re-inserted below: the newest use is last
  entry ??= load(manual).catch((error) => {
    entries.delete(key);
    throw error;
  });
  entries.set(key, entry);
  while (entries.size > VECTOR_POLICY.cachedManuals) entries.delete(entries.keys().next().value!);
  return entry;
}

/** The question's embedding, or null without an embeddings model or when it fails or is late (the search goes on lexically). */
export function embedQuestion(question: string): Promise<Float32Array | null> | null {
  if (!embeddingsConfigured()) return null;
  return embedTexts([question], AbortSignal.timeout(VECTOR_POLICY.timeoutMs))
    .then((vectors) => (vectors?.[0] ? unit(vectors[0]) : null))
    .catch((error) => {
      log().warn({ err: errorSummary(error) }, 'question embedding failed: searching without vectors');
      return null;
    });
}

/** Passage ids of the manuals, most similar to the question first. */
export async function vectorRanking(question: Float32Array, manuals: SearchableManual[]): Promise<string[]> {
  const scored: { id: string; similarity: number }[] = [];
  for (const manual of manuals) {
    const { ids, data, dims } = await vectorsOf(manual);
    if (dims !== question.length) continue; // indexed with another model: re-index to use it
    for (let i = 0; i < ids.length; i++) {
      let dot = 0;
      for (let d = 0, o = i * dims; d < dims; d++) dot += data[o + d] * question[d];
      scored.push({ id: ids[i], similarity: dot });
    }
  }
  return scored
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, VECTOR_POLICY.listLength)
    .filter((s) => s.similarity > 0)
    .map((s) => s.id);
}
