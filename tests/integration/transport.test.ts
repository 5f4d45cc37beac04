import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { count } from "drizzle-orm";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { organisations } from "@/db/schema";
import { appRouter } from "@/server/root";
import { isCrossSite, maxBatchCalls, trpcTransportRefusal, withTransportChecks } from "@/server/security/transport";
import { createContext } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { enterpriseInput } from "../helpers/factories";

/*
 * The route (app/api/trpc/[trpc]/route.ts) is `withTransportChecks(fetchRequestHandler(...))` with the session read by
 * next-auth, which Vitest cannot import (it imports "next/server" unresolved outside Next). So these tests wrap the
 * same tRPC fetch adapter and router in the same checks, with an anonymous context on a test database. A test of
 * the served route over HTTP belongs in the browser suite.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

const handler = withTransportChecks((req) =>
  fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, maxBatchSize: maxBatchCalls, createContext: () => createContext({ db, userId: null, locale: "zh-CN" }) }),
);
const site = "http://edubridge.test";
const organisationCount = async () => (await db.select({ n: count() }).from(organisations).limit(1))[0]!.n;

/** A sign-up (a mutation anyone may call) sent as the browser would, with extra headers. */
function signUp(headers: Record<string, string>, body: BodyInit = JSON.stringify(superjson.serialize(enterpriseInput()))) {
  return new Request(`${site}/api/trpc/accounts.signUpEnterprise`, { method: "POST", headers, body });
}

/** The refusal's message as the client reads it (superjson's envelope). */
const messageOf = async (res: Response) => ((await res.json()) as { error: { json: { message: string } } }).error.json.message;

describe("/api/trpc transport", () => {
  it("refuses more than 10 calls in one request with 400 and says why, and serves 10", async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "reference.children").join(",");
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, superjson.serialize({ taxonomy: "region", parentCode: null })]));
      return new Request(`${site}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    };
    const eleven = await handler(batch(11));
    expect(eleven.status).toBe(400);
    expect(await messageOf(eleven)).toBe("一次请求最多包含 10 个调用，本次有 11 个");
    const hundred = await handler(batch(100));
    expect(hundred.status).toBe(400);

    const ten = await handler(batch(10));
    expect(ten.status).toBe(200);
    const results = await ten.json() as { result: { data: { json: { code: string }[] } } }[];
    expect(results).toHaveLength(10);
    expect(results[0]!.result.data.json.some((r) => r.code === "440000")).toBe(true);

    // A batched POST is counted the same way.
    const posted = await handler(new Request(`${site}/api/trpc/${Array(11).fill("accounts.signUpEnterprise").join(",")}?batch=1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(posted.status).toBe(400);
  });

  it("takes POST bodies only as application/json (415 for forms, multipart, text and octet streams) and writes nothing", async () => {
    const before = await organisationCount();
    const form = new FormData();
    for (const [k, v] of Object.entries(enterpriseInput())) form.set(k, String(v));
    const multipart = await handler(new Request(`${site}/api/trpc/accounts.signUpEnterprise`, { method: "POST", body: form }));
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "application/octet-stream", "multipart/form-data; boundary=x"]) {
      expect((await handler(signUp({ "content-type": type }))).status, type).toBe(415);
    }
    // A body without any content type is not JSON either (a bare fetch() of a string sends text/plain).
    expect((await handler(new Request(`${site}/api/trpc/accounts.signUpEnterprise`, { method: "POST", body: new Uint8Array([1, 2]) }))).status).toBe(415);
    expect(await organisationCount()).toBe(before);

    // JSON, parameters and case aside, is served.
    const json = await handler(signUp({ "content-type": "Application/JSON; charset=utf-8" }));
    expect(json.status).toBe(200);
    expect(await organisationCount()).toBe(before + 1);
  });

  it("refuses mutations that the browser marks as cross-site or that name another origin (403), and writes nothing", async () => {
    const before = await organisationCount();
    const json = { "content-type": "application/json" };
    for (const headers of [
      { ...json, origin: "https://evil.example" },
      { ...json, origin: "null" },
      { ...json, origin: "http://edubridge.test.evil.example" },
      { ...json, "sec-fetch-site": "cross-site" },
      { ...json, origin: site, "sec-fetch-site": "cross-site" },
      // A sibling subdomain: same site, another origin (with or without its Origin header).
      { ...json, origin: "http://uploads.edubridge.test", "sec-fetch-site": "same-site" },
      { ...json, "sec-fetch-site": "same-site" },
    ]) {
      const res = await handler(signUp(headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await messageOf(res)).toBe("不接受来自其他网站的修改请求");
    }
    expect(await organisationCount()).toBe(before);

    // The site itself (same origin, or through a proxy that forwards the public host), and callers without a browser.
    expect((await handler(signUp({ ...json, origin: site, "sec-fetch-site": "same-origin" }))).status).toBe(200);
    expect((await handler(signUp({ ...json, origin: "https://edubridge.example.cn", "x-forwarded-host": "edubridge.example.cn" }))).status).toBe(200);
    expect((await handler(signUp(json))).status).toBe(200);
    expect(await organisationCount()).toBe(before + 3);
  });

  it("lets queries through whatever their origin: they change nothing and CORS keeps their answers from other sites", async () => {
    const query = new Request(`${site}/api/trpc/reference.children?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ taxonomy: "region", parentCode: null })))}`, {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(trpcTransportRefusal(query)).toBeNull();
    expect((await handler(query)).status).toBe(200);
  });

  it("words every refusal in the caller's language: zh-CN by default, English when the locale cookie says en", async () => {
    const before = await organisationCount();
    const eleven = (cookie?: string) => new Request(`${site}/api/trpc/${Array(11).fill("reference.children").join(",")}?batch=1`, { headers: cookie ? { cookie } : {} });
    const form = (cookie?: string) => signUp({ "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) });
    const foreign = (cookie?: string) => signUp({ "content-type": "application/json", origin: "https://evil.example", ...(cookie ? { cookie } : {}) });
    const cases = [
      { request: eleven, status: 400, zh: "一次请求最多包含 10 个调用，本次有 11 个", en: "At most 10 calls in one request; this one has 11" },
      { request: form, status: 415, zh: "请求须以 application/json 格式发送", en: "Requests must be sent as application/json" },
      { request: foreign, status: 403, zh: "不接受来自其他网站的修改请求", en: "Changes from other sites are not accepted" },
    ];
    for (const { request, status, zh, en } of cases) {
      for (const [cookie, expected] of [
        [undefined, zh],
        ["locale=zh-CN", zh],
        ["theme=dark; locale=en", en],
        ["locale=fr", zh],
        ["locale=%E0%A4%A", zh],
      ] as const) {
        const res = await handler(request(cookie));
        expect(res.status, `${status} ${cookie}`).toBe(status);
        expect(await messageOf(res), `${status} ${cookie}`).toBe(expected);
      }
    }
    expect(await organisationCount()).toBe(before);
  });

  it("compares hosts, not schemes, and treats an unreadable Origin as foreign", () => {
    const post = (headers: Record<string, string>) => new Request("http://app.internal:3000/api/trpc/x", { method: "POST", headers });
    expect(isCrossSite(post({ origin: "http://app.internal:3000" }))).toBe(false);
    expect(isCrossSite(post({ origin: "https://edubridge.cn", host: "edubridge.cn" }))).toBe(false);
    expect(isCrossSite(post({ origin: "https://app.internal" }))).toBe(true);
    expect(isCrossSite(post({ origin: "not a url" }))).toBe(true);
    expect(isCrossSite(post({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSite(post({ "sec-fetch-site": "same-origin", origin: "http://app.internal:3000" }))).toBe(false);
    expect(isCrossSite(post({ "sec-fetch-site": "none" }))).toBe(false);
    expect(trpcTransportRefusal(new Request("http://app.internal/api/trpc/%E0%A4%A"))).toBeNull();
  });
});
