import { docsPage } from "@/server/api/docs";

/** Swagger UI over /api/v1/openapi.json, served from our own origin (works offline, within the CSP). */
export async function GET(request: Request) {
  const lang = /^\s*en\b/i.test(request.headers.get("accept-language") ?? "") ? "en" : "zh-CN";
  return new Response(docsPage(request.headers.get("x-nonce"), lang), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

export const dynamic = "force-dynamic";
