/** Stands in for the site's origin when only paths are acceptable (the page does not need to know its host). */
const placeholderOrigin = "https://edubridge.invalid";

/**
 * Where to send a user after signing in (or any other `callbackUrl`/return address read from a request):
 * the target resolved against the site's origin the way a browser would, and used only when it stays on that
 * origin, as a path. Anything else, including backslashes, control characters (a browser drops a tab or
 * newline, so `/\t/evil` becomes `//evil`) and paths that normalise to `//host`, gives the fallback.
 */
export function safeRedirectPath(target: unknown, fallback = "/home", origin: string = placeholderOrigin): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  // A browser treats `\` as `/` and strips ASCII tab/newline from URLs; refuse both outright, raw or encoded once.
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return fallback;
  }
  if (/[\\\u0000-\u001f\u007f]/.test(target) || /[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/a/..//evil` normalises to `//evil`, which a browser reads as another host.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a URL's pathname always starts with "/", and a "//host" path is refused again by the origin check below
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  // What the browser will do with the path we hand back must still be this origin.
  // Stryker disable next-line ConditionalExpression: only a "//host" path leaves the origin here, and the check above refuses it first
  if (new URL(path, base).origin !== base.origin) return fallback;
  return path;
}
