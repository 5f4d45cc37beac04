import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import type { Locale } from "@/server/i18n/messages";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { enterpriseInput } from "../helpers/factories";

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

/** Calls a mutation through tRPC's fetch adapter, as the browser does, so the error formatter runs. */
async function post(path: string, input: unknown, locale: Locale) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext({ db, userId: null, locale }) });
  return { status: res.status, body: (await res.json()) as { error: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } } } } };
}

describe("errors over HTTP", () => {
  it("answers a wrong USCC with 400 and a translated message next to the field", async () => {
    const input = enterpriseInput({ uscc: "91350100M000100Y44" });
    const zh = await post("accounts.signUpEnterprise", input, "zh-CN");
    expect(zh.status).toBe(400);
    expect(zh.body.error.json.data.fieldErrors?.uscc).toEqual(["统一社会信用代码校验位不正确，请核对营业执照"]);
    expect(zh.body.error.json.message).toBe("统一社会信用代码校验位不正确，请核对营业执照");
    const en = await post("accounts.signUpEnterprise", input, "en");
    expect(en.body.error.json.data.fieldErrors?.uscc?.[0]).toMatch(/check character/);
  });

  it("answers a duplicate with 409 CONFLICT naming the field", async () => {
    const input = enterpriseInput();
    await post("accounts.signUpEnterprise", input, "zh-CN");
    const again = await post("accounts.signUpEnterprise", { ...enterpriseInput(), email: input.email }, "zh-CN");
    expect(again.status).toBe(409);
    expect(again.body.error.json.data.fieldErrors).toEqual({ email: ["该邮箱已注册"] });
  });

  it("answers an anonymous call to a signed-in procedure with 401 and a readable reason", async () => {
    const req = new Request("http://localhost/api/trpc/accounts.me", { method: "GET" });
    const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext({ db, userId: null }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("请先登录");
  });
});
