import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { translate, type Locale } from "../i18n/messages";
import { safeRedirectPath } from "../security/redirect";

/**
 * What a link the browser opens directly (an export, a download) answers when the procedure behind it refuses:
 * not signed in → to the sign-in page, coming back to the same link afterwards; anything else → the localised
 * message with its status, as a readable page instead of a bare "UNAUTHORIZED".
 */
export function refusalResponse(error: TRPCError, requestUrl: string, locale: Locale): Response {
  const url = new URL(requestUrl);
  if (error.code === "UNAUTHORIZED") {
    const back = safeRedirectPath(`${url.pathname}${url.search}`);
    return new Response(null, { status: 303, headers: { location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, "cache-control": "no-store" } });
  }
  const message = error.message.startsWith("errors.") ? translate(locale, error.message) : translate(locale, `errors.${error.code}`);
  const home = translate(locale, "common.goHome");
  const body = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${escapeHtml(message)}</title><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><p>${escapeHtml(message)}</p><p><a href="/home">${escapeHtml(home)}</a></p></body></html>`;
  return new Response(body, { status: getHTTPStatusCodeFromError(error), headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
