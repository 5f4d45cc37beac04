import { savedSearchForToken, stopSavedSearchMail } from "@/server/alerts/saved-searches";
import { getDb } from "@/server/db";
import { translate, type MessageKey } from "@/server/i18n/messages";

/**
 * One-click unsubscribe from a saved search's mails, no sign-in: the signed token in the URL names the search.
 * POST stops the mails — what a mail program sends for RFC 8058's List-Unsubscribe-Post, and what the
 * confirmation page's button sends. GET only shows that page, so a link scanner opening the link changes nothing.
 */
export async function POST(request: Request) {
  const db = getDb();
  const search = await savedSearchForToken(db, new URL(request.url).searchParams.get("token") ?? "");
  if (!search) return page(400, "savedSearch.unsubscribeInvalid");
  await stopSavedSearchMail(db, search.id);
  return page(200, "savedSearch.unsubscribedText", search.name, "savedSearch.unsubscribedTitle");
}

export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const search = await savedSearchForToken(getDb(), token);
  if (!search) return page(400, "savedSearch.unsubscribeInvalid");
  const action = `/api/unsubscribe?token=${encodeURIComponent(token)}`;
  const button = `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(translate("zh-CN", "savedSearch.unsubscribeButton"))} / ${escapeHtml(translate("en", "savedSearch.unsubscribeButton"))}</button></form>`;
  return page(200, "savedSearch.unsubscribeConfirm", search.name, "savedSearch.unsubscribeButton", button);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page in Chinese then English (no session, so no language preference to read). */
function page(status: number, key: MessageKey, name = "", titleKey: MessageKey = "savedSearch.unsubscribeInvalid", extra = "") {
  const both = (k: MessageKey) => [translate("zh-CN", k, { name }), translate("en", k, { name })].map(escapeHtml);
  const [titleZh, titleEn] = both(titleKey);
  const [zh, en] = both(key);
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${titleZh} / ${titleEn}</title></head><body><main><h1>${titleZh}</h1><p>${zh}</p><p lang="en">${en}</p>${extra}<p><a href="/my/saved-searches">${escapeHtml(translate("zh-CN", "savedSearch.title"))} / ${escapeHtml(translate("en", "savedSearch.title"))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
