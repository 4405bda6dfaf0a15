import 'server-only';
import { env } from '@/lib/env';

/** The most files one upload request may carry. */
export const MAX_FILES = 20;

export interface UploadLimits {
  /** Per file. */
  maxBytes: number;
  /** The whole request: MAX_FILES files at the limit, plus room for the form's own framing. */
  maxRequestBytes: number;
  maxPages: number;
}

/** Upload limits from the settings (UPLOAD_MAX_MB, UPLOAD_MAX_PAGES). */
export function uploadLimits(): UploadLimits {
  const s = env();
  const maxBytes = Math.round(s.UPLOAD_MAX_MB * 1024 * 1024);
  return { maxBytes, maxRequestBytes: maxBytes * MAX_FILES + 1024 * 1024, maxPages: s.UPLOAD_MAX_PAGES };
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const fileTooLarge = (fileName: string, limits: UploadLimits) => `"${fileName}" is larger than the ${mb(limits.maxBytes)} limit.`;

export const requestTooLarge = (limits: UploadLimits) =>
  `The upload is larger than the ${mb(limits.maxRequestBytes)} limit of one request; send fewer files at a time.`;
