/**
 * What /api/trpc accepts before any procedure runs (issue 13, "Transport"):
 *  - at most `maxBatchCalls` procedures per request (a batch of 100 calls in one request multiplied the work of one);
 *  - POST bodies only as application/json: tRPC v11 also takes multipart/form-data and octet streams, which a
 *    cross-site HTML form can send without a CORS preflight;
 *  - mutations only from the site itself: refused when the browser says the request comes from another site
 *    or from a sibling subdomain (`Sec-Fetch-Site: cross-site` or `same-site`) or names an `Origin` other than
 *    the site's own.
 * A plain function of the request so that it is tested without a server. The refusals are worded in the
 * caller's language like every other error (zh-CN unless the `locale` cookie says otherwise).
 */
import { defaultLocale, isLocale, localeCookie, translate, type Locale } from "../i18n/messages";

export const maxBatchCalls = 10;

export type TransportRefusal = { status: 400 | 403 | 415; code: "BAD_REQUEST" | "FORBIDDEN" | "UNSUPPORTED_MEDIA_TYPE"; message: string };

/** The language a request asks for: the `locale` cookie the language switch sets, else zh-CN. */
export function requestLocale(req: Request): Locale {
  const match = req.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${localeCookie}=([^;]+)`));
  let value: string | undefined;
  try {
    value = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  } catch {
    // A malformed escape is no language we know.
  }
  return isLocale(value) ? value : defaultLocale;
}

/** The procedure paths a tRPC request names (`/api/trpc/a.b,c.d?batch=1`). */
export function procedurePaths(url: URL, endpoint = "/api/trpc"): string[] {
  const rest = url.pathname.startsWith(`${endpoint}/`) ? url.pathname.slice(endpoint.length + 1) : "";
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    // A malformed escape: count the raw path (tRPC answers it with its own 404).
  }
  return decoded.split(",").filter(Boolean);
}

/**
 * The hosts this site answers as: the request URL's, and the `Host`/`X-Forwarded-Host` the browser's request
 * arrived with (behind a TLS-terminating proxy the URL may say http while the browser's Origin says https, so
 * hosts are compared, not schemes). A cross-site page cannot set these headers on a victim's request.
 */
export function siteHosts(req: Request): string[] {
  const hosts = [new URL(req.url).host, req.headers.get("host"), ...(req.headers.get("x-forwarded-host") ?? "").split(",")];
  return hosts.map((h) => (h ?? "").trim().toLowerCase()).filter(Boolean);
}

/**
 * Whether a state-changing request comes from elsewhere: `Sec-Fetch-Site: cross-site` or `same-site` (sent by
 * every current browser), or an `Origin` header whose host is not ours ("null", from sandboxed frames, never is).
 * Requests with neither (curl, server-side callers) carry no browser's cookies on someone else's behalf and pass.
 * `same-site` is a sibling subdomain (another app under the same registrable domain): the session cookie is
 * SameSite=Lax, so it travels with such requests, and no page of ours is served from a sibling; browsers also
 * send its Origin, which the host comparison refuses, but the header alone settles it even without one.
 */
export function isCrossSite(req: Request): boolean {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return true;
  }
  return !host || !siteHosts(req).includes(host);
}

/** The JSON media type, parameters (charset) allowed, case-insensitive. */
export function isJson(contentType: string | null): boolean {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase() === "application/json";
}

/**
 * Why a tRPC request must be refused before it reaches the router, or null. tRPC answers queries over GET and
 * mutations over POST only, so every POST is treated as state-changing.
 */
export function trpcTransportRefusal(req: Request, locale: Locale = requestLocale(req)): TransportRefusal | null {
  const url = new URL(req.url);
  const paths = procedurePaths(url);
  if (paths.length > maxBatchCalls) {
    return { status: 400, code: "BAD_REQUEST", message: translate(locale, "errors.transportTooManyCalls", { n: paths.length, max: maxBatchCalls }) };
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (!isJson(req.headers.get("content-type"))) {
      return { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: translate(locale, "errors.transportJsonOnly") };
    }
    if (isCrossSite(req)) {
      return { status: 403, code: "FORBIDDEN", message: translate(locale, "errors.transportCrossSite") };
    }
  }
  return null;
}

/** The refusal as a tRPC-shaped error (superjson's envelope, as our client reads errors). */
export function refusalResponse(refusal: TransportRefusal): Response {
  return Response.json({ error: { json: { message: refusal.message, code: -32600, data: { code: refusal.code, httpStatus: refusal.status } } } }, { status: refusal.status });
}

/** The tRPC route's handler behind these checks: the route uses this, and so do the tests. */
export function withTransportChecks(handler: (req: Request) => Promise<Response>) {
  return (req: Request): Promise<Response> => {
    const refusal = trpcTransportRefusal(req);
    return refusal ? Promise.resolve(refusalResponse(refusal)) : handler(req);
  };
}
