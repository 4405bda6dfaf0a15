// Building blocks for HTML emails. Everything user-given goes through escapeHtml.

import 'server-only';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaped text with its line breaks kept. */
export function paragraphs(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>');
}

/** A link whose address we made (never user input as the href). */
export function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="color:#1d4ed8">${escapeHtml(label)}</a>`;
}

export function button(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px">${escapeHtml(label)}</a>`;
}

/** Label/value rows; values are escaped here. */
export function detailsTable(rows: [string, string | null | undefined][]): string {
  const cells = rows
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(
      ([k, v]) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#64748b;vertical-align:top;white-space:nowrap">${escapeHtml(k)}</td><td style="padding:4px 0;color:#0f172a">${paragraphs(v!)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px">${cells}</table>`;
}

/** The frame every email shares: a plain, readable layout that survives mail clients. */
export function layout({ title, preheader, body }: { title: string; preheader?: string; body: string }): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
${preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 0"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:680px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="padding:16px 24px;border-bottom:1px solid #e2e8f0;font-weight:700;font-size:16px;color:#0f172a">Fixline</td></tr>
<tr><td style="padding:24px">${body}</td></tr>
<tr><td style="padding:12px 24px;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">Sent by Fixline. This message was generated automatically.</td></tr>
</table></td></tr></table>
</body></html>`;
}

export function heading(text: string): string {
  return `<h2 style="margin:24px 0 8px;font-size:15px;color:#0f172a">${escapeHtml(text)}</h2>`;
}
