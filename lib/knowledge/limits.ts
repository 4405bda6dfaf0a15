import 'server-only';
import { env } from '@/lib/env';

/** Upload limits from the settings (UPLOAD_MAX_MB, UPLOAD_MAX_PAGES). */
export function uploadLimits() {
  const s = env();
  return { maxBytes: Math.round(s.UPLOAD_MAX_MB * 1024 * 1024), maxPages: s.UPLOAD_MAX_PAGES };
}
