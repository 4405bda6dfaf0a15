// How the dashboard writes its figures.
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export const count = (n: number) => integer.format(n);
export const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(rate >= 0.995 || rate === 0 ? 0 : 1)} %`);
export const ms = (value: number | null) =>
  value === null ? '–' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${count(value)} ms`;
export const usd = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
export const tokens = (n: number) =>
  n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} M` : n >= 10_000 ? `${(n / 1000).toFixed(0)} k` : count(n);

/** A day (YYYY-MM-DD) as "3 Mar". */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** A day as "3 Mar 2026". */
export function longDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

const REASONS: Record<string, string> = {
  manual: 'Asked for support',
  asked_for_human: 'Asked for a person',
  no_answer: 'No answer in the manuals',
  not_helpful: 'Answers not helpful',
  safety: 'Safety concern',
  model_failure: 'Assistant unavailable',
};

export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;
