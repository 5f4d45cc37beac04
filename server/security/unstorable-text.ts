import type { MessageKey } from "../i18n/messages";

/**
 * Text no engine stores as written: U+0000 (PostgreSQL refuses it in text and jsonb; SQLite keeps it) and a lone
 * UTF-16 surrogate, half of a pair as in the JSON escape "\ud800" (PostgreSQL refuses it in jsonb; in text it
 * becomes U+FFFD on its way to UTF-8 on either engine). Refused wherever text comes in: every procedure's input
 * (server/trpc.ts), the sign-in identifier (signInInput), every imported cell (server/imports/sheet.ts) and the
 * API's query; a request's query is logged with U+FFFD in their place (storableQuery).
 */
export type UnstorableText = Extract<MessageKey, "errors.nulCharacter" | "errors.loneSurrogate">;

/** Why `text` cannot be stored as written, or null. `\p{Cs}` with the u flag matches only unpaired halves. */
export function unstorableText(text: string): UnstorableText | null {
  if (text.includes("\u0000")) return "errors.nulCharacter";
  return /\p{Cs}/u.test(text) ? "errors.loneSurrogate" : null;
}

/** The first reason any string (or object key) inside `value` cannot be stored, or null. */
export function unstorableTextIn(value: unknown, depth = 0): UnstorableText | null {
  if (typeof value === "string") return unstorableText(value);
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, v] of Object.entries(value)) {
    const problem = unstorableText(key) ?? unstorableTextIn(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** `text` with each U+0000 and lone surrogate replaced by U+FFFD: for logging what was asked, as near as storable. */
export function storableText(text: string): string {
  return text.replace(/\u0000|\p{Cs}/gu, "\uFFFD");
}

/** A request's query as an audit row's details hold it: names and values as near as storable. */
export function storableQuery(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].map(([name, value]) => [storableText(name), storableText(value)]));
}
