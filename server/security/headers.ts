/**
 * The security headers of every response. The content security policy allows scripts only with the
 * request's nonce (Next.js adds it to its own scripts when it finds the policy on the request), so a
 * script that text written by users might smuggle into a page never runs.
 */
export function contentSecurityPolicy(nonce: string, development: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers that do not change per request. */
export const staticSecurityHeaders: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * Pages that look the same to every signed-out reader in a language: the home page, search, a posting and an
 * organisation's public profile. Nested pages (an organisation's postings, reports, …) are left out: some of them
 * show more to members.
 */
const sharedPublicPages = [/^\/$/, /^\/search$/, /^\/postings\/[^/]+$/, /^\/organisations\/[^/]+$/];

/** Auth.js's session cookie, plain or `__Secure-`, whole or chunked (`.0`, `.1`, …). */
const sessionCookie = /(^|;\s*)(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * The Cache-Control of a page request, or null to leave Next.js's own. A signed-out GET of a shared public page
 * may be kept by a reverse proxy or CDN for a minute and served stale for five more while it refreshes (the
 * proxy keys its cache on the `locale` cookie and passes signed-in requests through: README, "Running several
 * instances"; Next.js keeps no `Vary` header set here). Anything else a page shows is someone's own:
 * `private, no-store`. The cached copy carries the nonce of the render it came from, in its HTML and in its
 * policy alike: a script smuggled into text written by users still cannot know the nonce of the render that will
 * show it, which is what the nonce protects.
 */
export function pageCacheControl(method: string, pathname: string, headers: Headers): string | null {
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return null;
  // Documents only, not the React payloads of client navigations and refreshes: a language switch refreshes the
  // same address with another cookie, and nothing kept may answer it.
  const document = (headers.get("accept") ?? "").includes("text/html");
  const shared = (method === "GET" || method === "HEAD") && document && sharedPublicPages.some((page) => page.test(pathname)) && !sessionCookie.test(headers.get("cookie") ?? "");
  return shared ? "public, max-age=0, s-maxage=60, stale-while-revalidate=300" : "private, no-store";
}

/**
 * Routes that set their own Content-Security-Policy: proxy.ts leaves it to them (Next.js keeps a header the proxy
 * set and drops the route's own of the same name).
 */
export function setsOwnPolicy(pathname: string): boolean {
  return /^\/api\/students\/[^/]+\/cv$/.test(pathname);
}

/**
 * Headers for an uploaded PDF (a student's CV). To anyone but its owner it is a download: `attachment`, so a
 * browser never renders it in our origin, `nosniff`, so it is never read as HTML, and a `sandbox` policy in case a
 * browser shows it anyway (no scripts, no same-origin access). The owner may view it inline: they uploaded it, and
 * Chromium's PDF viewer does not run under a sandbox policy; their policy still allows no scripts.
 */
export function uploadedPdfHeaders(fileName: string, { inline }: { inline: boolean }): Record<string, string> {
  return {
    "content-type": "application/pdf",
    "content-disposition": `${inline ? "inline" : "attachment"}; filename="cv.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": inline ? "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" : "sandbox; default-src 'none'",
  };
}
