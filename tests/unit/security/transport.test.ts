// The transport checks of server/security/transport.ts as plain functions of a Request (README "Mutation testing").
// Messages are compared with their i18n entries, not word for word: their wording is copy.
import { describe, expect, it } from "vitest";
import { translate } from "@/server/i18n/messages";
import { isCrossSite, isJson, maxBatchCalls, procedurePaths, refusalResponse, requestLocale, siteHosts, trpcTransportRefusal, withTransportChecks } from "@/server/security/transport";

const site = "http://edubridge.test";
const req = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => new Request(`${site}${path}`, init);
const post = (headers: Record<string, string> = {}, path = "/api/trpc/postings.create") =>
  req(path, { method: "POST", headers: { "content-type": "application/json", ...headers } });

describe("the procedures a request names", () => {
  it("reads them after the endpoint, decoded, and nothing elsewhere", () => {
    expect(procedurePaths(new URL(`${site}/api/trpc/a.b,c.d?batch=1`))).toEqual(["a.b", "c.d"]);
    expect(procedurePaths(new URL(`${site}/api/trpc/a.b%2Cc.d%2Ce.f`))).toEqual(["a.b", "c.d", "e.f"]);
    expect(procedurePaths(new URL(`${site}/api/trpc/a.b,,c.d,`))).toEqual(["a.b", "c.d"]);
    expect(procedurePaths(new URL(`${site}/api/trpc`))).toEqual([]);
    expect(procedurePaths(new URL(`${site}/api/trpcx/a.b`))).toEqual([]);
    expect(procedurePaths(new URL(`${site}/other/a.b`))).toEqual([]);
    expect(procedurePaths(new URL(`${site}/rpc/a,b`), "/rpc")).toEqual(["a", "b"]);
  });

  it("counts the raw path when an escape is malformed", () => {
    expect(procedurePaths(new URL(`${site}/api/trpc/a.b,%E0%A4%A,c`))).toEqual(["a.b", "%E0%A4%A", "c"]);
  });
});

describe("the site's own hosts", () => {
  it("are the URL's, Host's and each X-Forwarded-Host's, trimmed and lower-cased", () => {
    const r = req("/api/trpc/x", { headers: { host: "EduBridge.Example:443", "x-forwarded-host": " A.example , b.example ,," } });
    expect(siteHosts(r)).toEqual(["edubridge.test", "edubridge.example:443", "a.example", "b.example"]);
    expect(siteHosts(req("/api/trpc/x"))).toEqual(["edubridge.test"]);
  });
});

describe("cross-site requests", () => {
  it("are those the browser marks cross-site or from a sibling site, whatever the origin", () => {
    expect(isCrossSite(post({ "sec-fetch-site": "cross-site", origin: site }))).toBe(true);
    expect(isCrossSite(post({ "sec-fetch-site": "same-site", origin: site }))).toBe(true);
    expect(isCrossSite(post({ "sec-fetch-site": "same-origin", origin: site }))).toBe(false);
    expect(isCrossSite(post({ "sec-fetch-site": "none" }))).toBe(false);
  });

  it("are those naming another origin, an unreadable one or an empty host; no origin passes", () => {
    expect(isCrossSite(post({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSite(post({ origin: "null" }))).toBe(true);
    expect(isCrossSite(post({ origin: "file:///x" }))).toBe(true);
    expect(isCrossSite(post({ origin: "HTTP://EDUBRIDGE.TEST" }))).toBe(false);
    expect(isCrossSite(post({ origin: "https://proxy.example", "x-forwarded-host": "proxy.example" }))).toBe(false);
    expect(isCrossSite(post())).toBe(false);
  });
});

describe("JSON bodies", () => {
  it("accept application/json with parameters, in any case, and nothing else", () => {
    expect(isJson("application/json")).toBe(true);
    expect(isJson(" Application/JSON ; charset=utf-8")).toBe(true);
    expect(isJson("application/json-patch+json")).toBe(false);
    expect(isJson("text/plain; application/json")).toBe(false);
    expect(isJson("multipart/form-data")).toBe(false);
    expect(isJson(null)).toBe(false);
  });
});

describe("refusals", () => {
  it("refuse more than the batch limit with 400, naming both numbers, and serve the limit", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p.q${i}`).join(",");
    expect(maxBatchCalls).toBe(10);
    expect(trpcTransportRefusal(req(`/api/trpc/${names(10)}?batch=1`))).toBeNull();
    const refusal = trpcTransportRefusal(req(`/api/trpc/${names(11)}?batch=1`))!;
    expect([refusal.status, refusal.code]).toEqual([400, "BAD_REQUEST"]);
    expect(refusal.message).toBe(translate("zh-CN", "errors.transportTooManyCalls", { n: 11, max: 10 }));
    expect(trpcTransportRefusal(req(`/api/trpc/${names(12)}`, { headers: { cookie: "locale=en" } }))?.message).toBe(translate("en", "errors.transportTooManyCalls", { n: 12, max: 10 }));
  });

  it("refuse a POST that is not JSON with 415 before the origin is looked at", () => {
    const refusal = trpcTransportRefusal(req("/api/trpc/a.b", { method: "POST", headers: { "content-type": "text/plain", origin: "https://evil.example" } }))!;
    expect([refusal.status, refusal.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    expect(refusal.message).toBe(translate("zh-CN", "errors.transportJsonOnly"));
  });

  it("refuse a cross-site POST with 403, and let a same-site one through", () => {
    const refusal = trpcTransportRefusal(post({ origin: "https://evil.example" }))!;
    expect([refusal.status, refusal.code]).toEqual([403, "FORBIDDEN"]);
    expect(refusal.message).toBe(translate("zh-CN", "errors.transportCrossSite"));
    expect(trpcTransportRefusal(post({ origin: "https://evil.example" }), "en")?.message).toBe(translate("en", "errors.transportCrossSite"));
    expect(trpcTransportRefusal(post({ origin: site }))).toBeNull();
    expect(trpcTransportRefusal(req("/api/trpc/a.b", { method: "PUT", headers: { "content-type": "text/plain" } }))?.status).toBe(415);
  });

  it("do not look at the body type or the origin of GET and HEAD", () => {
    expect(trpcTransportRefusal(req("/api/trpc/a.b", { headers: { "content-type": "text/plain", "sec-fetch-site": "cross-site" } }))).toBeNull();
    expect(trpcTransportRefusal(req("/api/trpc/a.b", { method: "HEAD", headers: { "sec-fetch-site": "cross-site" } }))).toBeNull();
  });

  it("answer in tRPC's error envelope with the refusal's status", async () => {
    const response = refusalResponse({ status: 403, code: "FORBIDDEN", message: "no" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { json: { message: "no", code: -32600, data: { code: "FORBIDDEN", httpStatus: 403 } } } });
  });

  it("reach the handler only when nothing is refused", async () => {
    const seen: string[] = [];
    const handler = withTransportChecks(async (r) => {
      seen.push(r.method);
      return new Response("ok");
    });
    expect(await (await handler(post({ origin: site }))).text()).toBe("ok");
    expect((await handler(post({ origin: "https://evil.example" }))).status).toBe(403);
    expect(seen).toEqual(["POST"]);
  });
});

describe("the language of a refusal", () => {
  it("is the locale cookie's, else zh-CN", () => {
    const withCookie = (cookie: string) => requestLocale(req("/api/trpc/a.b", { headers: { cookie } }));
    expect(requestLocale(req("/api/trpc/a.b"))).toBe("zh-CN");
    expect(withCookie("locale=en")).toBe("en");
    expect(withCookie("a=1; locale=en")).toBe("en");
    expect(withCookie("a=1;locale=en; b=2")).toBe("en");
    expect(withCookie("xlocale=en")).toBe("zh-CN");
    expect(withCookie("locale=fr")).toBe("zh-CN");
    expect(withCookie("locale=")).toBe("zh-CN");
    expect(withCookie("locale=%E0%A4%A")).toBe("zh-CN");
    expect(withCookie("locale=zh-CN")).toBe("zh-CN");
    expect(withCookie("locale=%65n")).toBe("en");
  });
});
