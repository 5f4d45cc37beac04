import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret, env } from "../env";

/** Where users reach the app, for absolute links in mails. */
export function appUrl(): string {
  return (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, "");
}

// A purpose prefix, so a MAC made for this can never stand for another signed value under the same secret.
const purpose = "saved-search-unsubscribe:";

function macOf(savedSearchId: string, secret: string) {
  return createHmac("sha256", secret).update(purpose + savedSearchId).digest("base64url");
}

/** A token naming one saved search, signed with AUTH_SECRET: whoever holds the mail may stop its mails, nothing else. */
export function unsubscribeToken(savedSearchId: string, secret = authSecret()): string {
  return `${savedSearchId}.${macOf(savedSearchId, secret)}`;
}

/** The saved search a token names, or null when it is malformed or not signed by us. */
export function savedSearchOfToken(token: string, secret = authSecret()): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, mac] = match as unknown as [string, string, string];
  const expected = Buffer.from(macOf(id, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** The one-click unsubscribe address of a saved search's mails (app/api/unsubscribe/route.ts). */
export function unsubscribeUrl(savedSearchId: string): string {
  return `${appUrl()}/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(savedSearchId))}`;
}

/** RFC 8058 one-click unsubscribe: the address in List-Unsubscribe, and List-Unsubscribe-Post saying a POST suffices. */
export function unsubscribeHeaders(savedSearchId: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(savedSearchId)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
