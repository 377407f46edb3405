/**
 * Splits a free query into its leading CTEs and its main query, so the extract can wrap the main
 * query as a subquery and hoist the CTEs in front: `WITH a AS (…) SELECT … FROM (main) AS src`.
 * The scanner understands strings, quoted identifiers and comments, so a `WITH` or a parenthesis
 * inside them is never mistaken for syntax.
 */
export interface SplitQuery {
  /** The CTE definitions, e.g. `a AS (…), b AS (…)`; empty when the query has none. */
  readonly ctes: string;
  readonly recursive: boolean;
  /** The main query, without a trailing semicolon. */
  readonly body: string;
}

/** Index just past the string, quoted identifier or comment starting at `i`, or `i` if none. */
function skipQuoted(text: string, i: number): number {
  const char = text[i];
  const next = text[i + 1];
  if (char === '-' && next === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }
  if (char === '/' && next === '*') {
    const end = text.indexOf('*/', i + 2);
    if (end === -1) throw new Error('the query has a /* comment that is never closed');
    return end + 2;
  }
  if (char === '$') {
    // A PostgreSQL dollar-quoted string, $$…$$ or $tag$…$tag$ ($1 is a parameter, not a quote).
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64))?.[0];
    if (tag === undefined) return i;
    const end = text.indexOf(tag, i + tag.length);
    if (end === -1) throw new Error(`the query has a ${tag} string that is never closed`);
    return end + tag.length;
  }
  const closers: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };
  const close = char === undefined ? undefined : closers[char];
  if (close === undefined) return i;
  let j = i + 1;
  while (j < text.length) {
    if (text[j] !== close) j += 1;
    else if (text[j + 1] === close) j += 2; // a doubled closer stands for itself
    else return j + 1;
  }
  throw new Error(`the query has a ${char} that is never closed`);
}

/** Skips white space and comments. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i) || text.startsWith('/*', i)) i = skipQuoted(text, i);
    else return i;
  }
}

function wordAt(text: string, i: number): string {
  const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i));
  return match ? match[0] : '';
}

/** Index just past the parenthesised group that opens at `i`. */
function skipGroup(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const after = skipQuoted(text, j);
    if (after !== j) {
      j = after;
      continue;
    }
    if (text[j] === '(') depth++;
    else if (text[j] === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new Error('the query has a "(" that is never closed');
}

/** Skips one identifier (plain or quoted). */
function skipName(text: string, i: number): number {
  const quoted = skipQuoted(text, i);
  if (quoted !== i) return quoted;
  const word = wordAt(text, i);
  if (!word) throw new Error(`expected a CTE name at "${text.slice(i, i + 20)}"`);
  return i + word.length;
}

export function splitQuery(query: string): SplitQuery {
  const trimmed = query.replace(/[\s;]+$/u, '');
  let i = skipSpace(trimmed, 0);
  // T-SQL habit: `;WITH` ends whatever statement came before; here nothing did.
  while (trimmed[i] === ';') i = skipSpace(trimmed, i + 1);
  if (wordAt(trimmed, i).toUpperCase() !== 'WITH') return { ctes: '', recursive: false, body: trimmed.slice(i) };
  i = skipSpace(trimmed, i + 4);
  let recursive = false;
  if (wordAt(trimmed, i).toUpperCase() === 'RECURSIVE') {
    recursive = true;
    i = skipSpace(trimmed, i + 'RECURSIVE'.length);
  }
  const start = i;
  for (;;) {
    i = skipSpace(trimmed, skipName(trimmed, i));
    if (trimmed[i] === '(') i = skipSpace(trimmed, skipGroup(trimmed, i)); // column list
    if (wordAt(trimmed, i).toUpperCase() !== 'AS') throw new Error(`expected AS after a CTE name at "${trimmed.slice(i, i + 20)}"`);
    i = skipSpace(trimmed, i + 2);
    for (let word = wordAt(trimmed, i).toUpperCase(); word === 'NOT' || word === 'MATERIALIZED'; word = wordAt(trimmed, i).toUpperCase()) {
      i = skipSpace(trimmed, i + word.length);
    }
    if (trimmed[i] !== '(') throw new Error(`expected "(" to open a CTE body at "${trimmed.slice(i, i + 20)}"`);
    i = skipGroup(trimmed, i);
    const end = i;
    i = skipSpace(trimmed, i);
    if (trimmed[i] === ',') {
      i = skipSpace(trimmed, i + 1);
      continue;
    }
    return { ctes: trimmed.slice(start, end), recursive, body: trimmed.slice(i) };
  }
}
