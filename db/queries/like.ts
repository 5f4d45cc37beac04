/** A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally (use with `escape '\'`). */
export function containsPattern(text: string) {
  return `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}
