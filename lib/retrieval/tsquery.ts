// tsquery texts built from lexemes that Postgres produced (see analyseQuestion), sent as constants so
// that the planner sees what they match.

import 'server-only';
function literal(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Passages with any of the lexemes; empty for none. */
export function anyWordQuery(lexemes: string[]): string {
  return [...new Set(lexemes)].map(literal).join(' | ');
}
