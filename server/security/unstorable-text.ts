import type { MessageKey } from "../i18n/messages";

/**
 * Text no engine stores as written: U+0000 (PostgreSQL refuses it in text and jsonb; SQLite keeps it) and a lone
 * UTF-16 surrogate, half of a pair as in the JSON escape "\ud800" (PostgreSQL refuses it in jsonb; in text it
 * becomes U+FFFD on its way to UTF-8 on either engine). Refused wherever text comes in: every procedure's input
 * (server/trpc.ts), the sign-in identifier (signInInput), every imported cell (server/imports/sheet.ts) and the
 * API's query; the audit log keeps what it is given with U+FFFD in their place (storableIn).
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

/** `value` with every string in its arrays and plain objects (keys too) made storable; anything else (a Date) as it is. */
export function storableIn<T>(value: T, depth = 0): T {
  if (typeof value === "string") return storableText(value) as T;
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v: unknown) => storableIn(v, depth + 1)) as T;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [storableText(key), storableIn(v, depth + 1)])) as T;
}
