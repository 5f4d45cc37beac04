import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, pageCacheControl, setsOwnPolicy, staticSecurityHeaders } from "./server/security/headers";

/** Runs before every request: a fresh nonce and the security headers (see server/security/headers.ts). */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // Uploaded files carry their own, stricter policy (a sandbox for anyone but the owner).
  if (!setsOwnPolicy(request.nextUrl.pathname)) response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) response.headers.set(name, value);
  const cacheControl = pageCacheControl(request.method, request.nextUrl.pathname, request.headers);
  if (cacheControl) response.headers.set("Cache-Control", cacheControl);
  return response;
}

export const config = {
  // Static build files carry no user content; everything else, API routes included, gets the headers.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
