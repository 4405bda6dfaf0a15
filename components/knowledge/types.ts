export interface ManualView {
  id: string;
  title: string;
  machineModels: string[];
  language: string;
  version: string | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  status: 'queued' | 'processing' | 'ready' | 'failed' | 'retired';
  reindexing: boolean;
  error: string | null;
  pageCount: number | null;
  pagesDone: number;
  chunkCount: number;
  uploadedBy: string | null;
  createdAt: string;
  readyAt: string | null;
}

export interface ApiError {
  error: { code: string; message: string; details?: { duplicateOf?: { id: string; title: string } } };
}

export const LANGUAGES = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['it', 'Italiano'],
  ['nl', 'Nederlands'],
  ['pt', 'Português'],
] as const;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function isBusy(m: ManualView): boolean {
  return m.status === 'queued' || m.status === 'processing' || m.reindexing;
}
