/**
 * Text for the bigram full-text index, and queries against it. Han characters are indexed as
 * overlapping bigrams ("软件技术" → "软件 件技 技术"), so any substring of two or more characters is found
 * as the phrase of its bigrams; Latin words and numbers are indexed whole. Pure, no database.
 */

const han = /\p{Script=Han}/u;
const runs = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

function normalise(text: string) {
  return text.normalize("NFKC").toLowerCase();
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The tokens of a text, space-separated, as written into the index. */
export function searchTokens(text: string): string {
  const out: string[] = [];
  for (const run of normalise(text).match(runs) ?? []) out.push(...(han.test(run) ? bigrams(run) : [run]));
  return out.join(" ");
}

/**
 * The FTS5 MATCH expressions for what a user typed, one per part; every part must occur. A Han run of
 * two or more characters is a phrase of bigrams (an exact substring); a single Han character matches as
 * a prefix of a bigram, and a Latin word or number as a prefix of a word. Null when nothing searchable is left.
 */
export function ftsQueryParts(query: string): string[] | null {
  const parts: string[] = [];
  for (const run of normalise(query).match(runs) ?? []) {
    if (han.test(run)) {
      const chars = [...run];
      parts.push(chars.length === 1 ? `"${run}"*` : `"${bigrams(run).join(" ")}"`);
    } else {
      parts.push(`"${run}"*`);
    }
  }
  return parts.length ? [...new Set(parts)] : null;
}

/** The parts as one MATCH expression. */
export function ftsQuery(query: string): string | null {
  return ftsQueryParts(query)?.join(" AND ") ?? null;
}

export function postingSearchText(p: { title: string; description: string }) {
  return searchTokens(`${p.title} ${p.description}`);
}
