import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as apiGet, POST as apiPost } from "@/app/api/v1/[...path]/route";
import { GET as specGet } from "@/app/api/v1/openapi.json/route";
import { GET as docsGet } from "@/app/api/docs/route";
import { GET as docsAssetGet } from "@/app/api/docs/[asset]/route";
import type { Db } from "@/db/create";
import { auditLog, postings, tables } from "@/db/schema";
import { apiLimits, handleApiRequest } from "@/server/api/handle";
import { hashToken } from "@/server/api/tokens";
import { attemptWithin } from "@/server/security/rate-limit";
import { callerFor } from "../helpers/db";
import { addDays, today } from "../helpers/dates";
import { placementInput } from "../helpers/factories";
import { buildWorld, type World } from "../helpers/world";

const globalForDb = globalThis as unknown as { edubridgeDb?: Db };
const base = "http://localhost/api/v1";

let w: World;
let previousDb: Db | undefined;
/** Tokens made through the procedures, as an owner or administrator would on the token pages. */
const tokens = {} as Record<"host" | "hostReadOnly" | "otherHost" | "school" | "guangzhou" | "beijing" | "revoked" | "expiring", { id: string; token: string }>;

beforeAll(async () => {
  w = await buildWorld();
  previousDb = globalForDb.edubridgeDb;
  globalForDb.edubridgeDb = w.db;
  const host = await callerFor(w.db, w.ids.enterprise);
  const admin = await callerFor(w.db, w.ids.admin);
  tokens.host = await host.apiTokens.create({ organisationId: w.enterprise.organisationId, name: "ERP 同步", scopes: ["read:postings", "write:postings", "read:applicants", "read:placements"] });
  tokens.hostReadOnly = await host.apiTokens.create({ organisationId: w.enterprise.organisationId, name: "只读", scopes: ["read:postings"] });
  tokens.revoked = await host.apiTokens.create({ organisationId: w.enterprise.organisationId, name: "旧系统", scopes: ["read:postings"] });
  await host.apiTokens.revoke({ organisationId: w.enterprise.organisationId, tokenId: tokens.revoked.id });
  tokens.expiring = await host.apiTokens.create({ organisationId: w.enterprise.organisationId, name: "临时", scopes: ["read:postings"], expiresOn: today() });
  tokens.otherHost = await (await callerFor(w.db, w.ids.otherEnterprise)).apiTokens.create({ organisationId: w.otherEnterprise.organisationId, name: "他人", scopes: ["read:postings", "read:applicants", "read:placements"] });
  tokens.school = await (await callerFor(w.db, w.ids.school)).apiTokens.create({ organisationId: w.school.organisationId, name: "学校", scopes: ["read:placements"] });
  const authorityScopes = ["read:placements", "read:complaints", "read:organisations"] as const;
  tokens.guangzhou = await admin.apiTokens.issueAuthority({ name: "广州市教育局", regionCode: "440100", scopes: [...authorityScopes] });
  tokens.beijing = await admin.apiTokens.issueAuthority({ name: "北京市教委", regionCode: "110000", scopes: [...authorityScopes] });
}, 60_000);

afterAll(() => {
  globalForDb.edubridgeDb = previousDb;
});

function request(path: string, { token, method = "GET", body, lang }: { token?: string; method?: string; body?: unknown; lang?: string } = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (lang) headers["accept-language"] = lang;
  return new Request(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function call(path: string, options: Parameters<typeof request>[1] = {}) {
  const req = request(path, options);
  const response = await (req.method === "POST" ? apiPost(req) : apiGet(req));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { items?: Record<string, unknown>[]; error?: { code: string; message: string; violations?: { rule: string }[] } } };
}

type Spec = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: { "application/json": { schema: object; example?: unknown } } }>; requestBody?: { content: { "application/json": { schema: object; example?: unknown } } } }>>; components: { schemas: Record<string, object> } };

async function spec(): Promise<Spec> {
  return (await (await specGet()).json()) as Spec;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, served at /api/v1/openapi.json", async () => {
    const document = await spec();
    expect((document as unknown as { openapi: string }).openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it("has bilingual text and an example of every answer and body, each valid against its own schema", async () => {
    const document = await spec();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "root", components: document.components }, "root");
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const o = op as unknown as { summary: string; description: string };
        expect(o.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
        expect(o.description).toContain("---");
        const success = Object.entries(op.responses).find(([code]) => code.startsWith("2"))![1].content!["application/json"];
        expect(success.example, `${method} ${path} example`).toBeDefined();
        expect(ajv.validate(success.schema, success.example), `${method} ${path}: ${ajv.errorsText()}`).toBe(true);
        if (op.requestBody) {
          const body = op.requestBody.content["application/json"];
          expect(ajv.validate(body.schema, body.example), `${method} ${path} body: ${ajv.errorsText()}`).toBe(true);
        }
      }
    }
    expect(operations).toBe(11);
  });
});

describe("every documented operation, called through the route handlers", () => {
  it("answers with its documented status and a body valid against the spec", async () => {
    const document = await spec();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const cases: Record<string, () => Promise<{ path: string; token?: string; method?: string; body?: unknown }>> = {
      searchPostings: async () => ({ path: "/postings?q=Java&region=440106&kind=placement_internship&sort=newest&limit=2" }),
      listOrganisations: async () => ({ path: "/organisations?kind=enterprise&region=440100" }),
      getOrganisation: async () => ({ path: `/organisations/${w.enterprise.organisationId}` }),
      supplyDemandReport: async () => ({ path: "/reports/supply-demand?provinceCode=440000" }),
      listOwnPostings: async () => ({ path: "/organisation/postings", token: tokens.host.token }),
      createDraftPosting: async () => ({ path: "/organisation/postings", token: tokens.host.token, method: "POST", body: placementInput({ postId: w.enterprise.postId, title: "接口创建的实习岗位" }) }),
      listApplicants: async () => ({ path: `/organisation/postings/${w.postings.open.id}/applicants`, token: tokens.host.token }),
      listOrganisationPlacements: async () => ({ path: "/organisation/placements", token: tokens.host.token }),
      listPlacementsForFiling: async () => ({ path: "/authority/placements?limit=2", token: tokens.guangzhou.token }),
      listComplaints: async () => ({ path: "/authority/complaints", token: tokens.guangzhou.token }),
      listOrganisationsVerification: async () => ({ path: "/authority/organisations?verificationStatus=pending", token: tokens.guangzhou.token }),
    };
    const called: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const make = cases[op.operationId];
        expect(make, `a case for ${op.operationId}`).toBeDefined();
        const c = await make!();
        expect(c.path.split("?")[0]!.replace(/[0-9a-f-]{36}/g, "{id}")).toBe(path.replace(/\{\w+\}/g, "{id}"));
        expect((c.method ?? "GET").toLowerCase()).toBe(method);
        const { status, body } = await call(c.path, c);
        const [code, documented] = Object.entries(op.responses).find(([code]) => code.startsWith("2"))!;
        expect(status, `${op.operationId}: ${JSON.stringify(body).slice(0, 300)}`).toBe(Number(code));
        expect(ajv.validate(documented.content!["application/json"].schema, body), `${op.operationId}: ${ajv.errorsText()}`).toBe(true);
        called.push(op.operationId);
      }
    }
    expect(called.sort()).toEqual(Object.keys(cases).sort());
    // Refusals follow the Error schema too.
    const refusal = await call("/organisation/postings");
    expect(ajv.validate(document.components.schemas.Error!, refusal.body), ajv.errorsText()).toBe(true);
  });

  it("finds the fixture's published posting with the search page's filters and pages by cursor", async () => {
    const first = await call("/postings?region=440106&limit=1");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const next = first.body.nextCursor as { ck: number; cr: number } | null;
    expect(next).not.toBeNull();
    const second = await call(`/postings?region=440106&limit=1&ck=${next!.ck}&cr=${next!.cr}`);
    expect(second.body.items![0]!.id).not.toBe(first.body.items![0]!.id);
    const elsewhere = await call("/postings?region=110101");
    expect(elsewhere.body.items).toEqual([]);
    // A bad filter is a 400 naming it, not a silently wider search.
    const bad = await call("/postings?payMin=-5&region=440106", { lang: "en" });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toBe("The parameter is out of range");
  });

  it("hides contacts and unverified organisations from the public operations", async () => {
    const organisation = await call(`/organisations/${w.enterprise.organisationId}`);
    expect(organisation.body).not.toHaveProperty("contactPhone");
    expect(organisation.body).not.toHaveProperty("verificationEvidence");
    expect((await call(`/organisations/${w.pendingEnterprise.organisationId}`)).status).toBe(404);
    const listed = await call("/organisations?region=440106&limit=200");
    const ids = listed.body.items!.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([w.enterprise.organisationId, w.school.organisationId]));
    expect(ids).not.toContain(w.pendingEnterprise.organisationId);
    expect(JSON.stringify(listed.body)).not.toMatch(/contactPhone|verificationEvidence/);
    expect((await call("/organisations?region=110000")).body.items).toEqual([]);
    expect((await call("/organisations/not-a-uuid")).status).toBe(404);
  });
});

describe("paths and methods outside the spec", () => {
  it("answer 404 and 405 with the Error shape", async () => {
    const unknown = await call("/nothing-here");
    expect([unknown.status, unknown.body.error!.code]).toEqual([404, "NOT_FOUND"]);
    const response = await apiPost(request("/postings", { method: "POST", body: {} }));
    expect([response.status, response.headers.get("allow")]).toEqual([405, "GET"]);
  });
});

describe("tokens: made once, stored hashed, scoped, revocable, audited, rate limited", () => {
  it("shows the token once and stores only its SHA-256", async () => {
    expect(tokens.host.token).toMatch(/^ebt_[A-Za-z0-9_-]{43}$/);
    const [row] = await w.db.select().from(tables.apiTokens).where(eq(tables.apiTokens.id, tokens.host.id));
    expect(row!.tokenHash).toBe(hashToken(tokens.host.token));
    expect(JSON.stringify(row)).not.toContain(tokens.host.token.slice(4));
    const listed = await (await callerFor(w.db, w.ids.enterprise)).apiTokens.list({ organisationId: w.enterprise.organisationId });
    expect(listed.map((t) => t.id)).toContain(tokens.host.id);
    expect(Object.fromEntries(listed.map((t) => [t.id, t.state]))).toMatchObject({ [tokens.host.id]: "active", [tokens.revoked.id]: "revoked" });
    expect(JSON.stringify(listed)).not.toContain(tokens.host.token.slice(4));
    expect(JSON.stringify(listed)).not.toContain(row!.tokenHash);
  });

  it("refuses calls without a token (401), with a revoked or expired one (401) and outside its scopes or kind (403)", async () => {
    expect((await call("/organisation/postings")).status).toBe(401);
    expect((await call("/organisation/postings", { token: "ebt_not-a-real-token" })).status).toBe(401);
    const revoked = await call("/organisation/postings", { token: tokens.revoked.token, lang: "en" });
    expect([revoked.status, revoked.body.error!.message]).toEqual([401, "The token has been revoked"]);
    expect((await call("/organisation/postings", { token: tokens.expiring.token })).status).toBe(200);
    const afterLastDay = await handleApiRequest(w.db, request("/organisation/postings", { token: tokens.expiring.token }), new Date(`${addDays(today(), 1)}T00:00:01+08:00`));
    expect(afterLastDay.status).toBe(401);
    const noScope = await call("/organisation/placements", { token: tokens.hostReadOnly.token });
    expect([noScope.status, noScope.body.error!.message]).toEqual([403, "令牌缺少权限 read:placements"]);
    expect((await call("/organisation/postings", { token: tokens.hostReadOnly.token, method: "POST", body: {} })).status).toBe(403);
    expect((await call("/authority/placements", { token: tokens.host.token })).status).toBe(403);
    expect((await call("/organisation/postings", { token: tokens.guangzhou.token })).status).toBe(403);
  });

  it("shows an organisation only its own data", async () => {
    const own = await call("/organisation/postings", { token: tokens.otherHost.token });
    expect(own.status).toBe(200);
    expect(own.body.items!.map((p) => p.id)).toEqual([w.otherDraftId]);
    // The host's posting, asked for with another enterprise's token: not found, not revealed.
    expect((await call(`/organisation/postings/${w.postings.open.id}/applicants`, { token: tokens.otherHost.token })).status).toBe(404);
    expect((await call("/organisation/placements", { token: tokens.otherHost.token })).body.items).toEqual([]);
    const hostPlacements = await call("/organisation/placements", { token: tokens.host.token });
    expect(hostPlacements.body.items!.map((p) => p.id)).toContain(w.placements.active);
    const schoolPlacements = await call("/organisation/placements", { token: tokens.school.token });
    expect(schoolPlacements.body.items!.map((p) => p.id)).toContain(w.placements.active);
  });

  it("creates drafts through the form's compliance checks, and a refused draft writes nothing", async () => {
    const before = (await w.db.select({ id: postings.id }).from(postings).where(eq(postings.organisationId, w.enterprise.organisationId))).length;
    const refused = await call("/organisation/postings", { token: tokens.host.token, method: "POST", body: placementInput({ postId: w.enterprise.postId }, { feesToStudents: 500 }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error!.violations!.map((v) => v.rule)).toContain("noFees");
    const created = await call("/organisation/postings", { token: tokens.host.token, method: "POST", body: placementInput({ postId: w.enterprise.postId, title: "接口草稿" }) });
    expect(created.status).toBe(201);
    const [row] = await w.db.select({ status: postings.status, organisationId: postings.organisationId }).from(postings).where(eq(postings.id, created.body.id as string));
    expect(row).toEqual({ status: "draft", organisationId: w.enterprise.organisationId });
    expect((await w.db.select({ id: postings.id }).from(postings).where(eq(postings.organisationId, w.enterprise.organisationId))).length).toBe(before + 1);
    expect((await call("/organisation/postings", { token: tokens.host.token, method: "POST", body: undefined })).status).toBe(400);
  });

  it("writes every call made with a token to the audit log with its route and status", async () => {
    const token = await (await callerFor(w.db, w.ids.enterprise)).apiTokens.create({ organisationId: w.enterprise.organisationId, name: "审计", scopes: ["read:postings"] });
    await call("/organisation/postings", { token: token.token });
    await call("/organisation/placements", { token: token.token });
    const rows = await w.db.select({ details: auditLog.details, actorId: auditLog.actorId }).from(auditLog).where(and(eq(auditLog.action, "api.call"), eq(auditLog.targetId, token.id)));
    expect(rows.map((r) => [r.details.route, r.details.status, r.details.tokenId]).sort()).toEqual([
      ["/api/v1/organisation/placements", 403, token.id],
      ["/api/v1/organisation/postings", 200, token.id],
    ]);
    expect(rows.every((r) => r.actorId === w.ids.enterprise)).toBe(true);
    const revokedCalls = await w.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, "api.call"), eq(auditLog.targetId, tokens.revoked.id)));
    expect(revokedCalls.map((r) => r.details.status)).toContain(401);
    const made = await w.db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, "apiToken.create"), eq(auditLog.targetId, token.id)));
    expect(made).toHaveLength(1);
  });

  it("refuses a query holding U+0000 with 400, and still writes the call to the audit log", async () => {
    // PostgreSQL answered 500 here: the audit row's jsonb details cannot hold U+0000, so the call went unlogged.
    const token = await (await callerFor(w.db, w.ids.enterprise)).apiTokens.create({ organisationId: w.enterprise.organisationId, name: "控制字符", scopes: ["read:postings"] });
    for (const query of ["status=draft%00", "x%00=1"]) {
      const { status, body } = await call(`/organisation/postings?${query}`, { token: token.token, lang: "en" });
      expect([query, status, body.error?.code, body.error?.message]).toEqual([query, 400, "BAD_REQUEST", expect.stringMatching(/^The text holds a control character that cannot be stored \(U\+0000\)/)]);
    }
    const rows = await w.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, "api.call"), eq(auditLog.targetId, token.id)));
    expect(rows.map((r) => [r.details.status, r.details.query]).sort()).toEqual([
      [400, { status: "draft\ufffd" }],
      [400, { "x\ufffd": "1" }],
    ]);
  });

  it("answers 429 with Retry-After once a token has used its minute", async () => {
    const token = await (await callerFor(w.db, w.ids.enterprise)).apiTokens.create({ organisationId: w.enterprise.organisationId, name: "限流", scopes: ["read:postings"] });
    const now = Date.now();
    for (let i = 0; i < apiLimits.perToken.limit; i++) expect(await attemptWithin(w.db, [[apiLimits.perToken, `api-token:${token.id}`]], now)).toBe(0);
    const limited = await call("/organisation/postings", { token: token.token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other tokens keep their own allowance.
    expect((await call("/organisation/postings", { token: tokens.host.token })).status).toBe(200);
  });
});

describe("authority tokens read only their region", () => {
  it("a Guangzhou authority sees the fixture's placements, masked, with insurance and agreement digest", async () => {
    const filing = await call("/authority/placements?limit=200", { token: tokens.guangzhou.token });
    expect(filing.status).toBe(200);
    const active = filing.body.items!.find((p) => p.id === w.placements.active) as { student: { maskedName: string; ref: string }; insurance: { policyNumber: string }; agreementDigest: string | null };
    expect(active.insurance.policyNumber).toBe("PL-0001");
    expect(active.agreementDigest).toMatch(/^[0-9a-f]{16,}$/);
    expect(active.student.maskedName).toMatch(/^.\*+$/);
    // No account id, birth date or mobile of the student anywhere in the answer.
    const text = JSON.stringify(filing.body);
    for (const secret of [w.student.userId, "2005-07-13", "13912345678"]) expect(text).not.toContain(secret);
    const pending = filing.body.items!.find((p) => p.id === w.placements.pending) as { agreementDigest: string | null };
    expect(pending.agreementDigest).toBeNull();
    const complaints = await call("/authority/complaints", { token: tokens.guangzhou.token });
    expect(complaints.body.items!.map((c) => c.id)).toEqual([w.complaintId]);
    expect(JSON.stringify(complaints.body)).not.toContain("加班到晚上十点");
    const organisations = await call("/authority/organisations?verificationStatus=pending&limit=200", { token: tokens.guangzhou.token });
    expect(organisations.body.items!.map((o) => o.id)).toEqual(expect.arrayContaining([w.pendingEnterprise.organisationId, w.pendingSchool.organisationId]));
  });

  it("pages in id order", async () => {
    const first = await call("/authority/placements?limit=2", { token: tokens.guangzhou.token });
    const second = await call(`/authority/placements?limit=2&after=${first.body.nextAfter as string}`, { token: tokens.guangzhou.token });
    const ids = [...first.body.items!, ...second.body.items!].map((p) => p.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(4);
  });

  it("a Beijing authority sees nothing of Guangzhou", async () => {
    for (const path of ["/authority/placements", "/authority/complaints", "/authority/organisations"]) {
      const answer = await call(path, { token: tokens.beijing.token });
      expect([path, answer.status, answer.body.items]).toEqual([path, 200, []]);
    }
  });

  it("issuing needs a province or city code", async () => {
    const admin = await callerFor(w.db, w.ids.admin);
    await expect(admin.apiTokens.issueAuthority({ name: "区教育局", regionCode: "440106", scopes: ["read:placements"] })).rejects.toThrow();
    await expect(admin.apiTokens.issueAuthority({ name: "不存在", regionCode: "990000", scopes: ["read:placements"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("/api/docs", () => {
  it("renders Swagger UI from our own origin with the request's nonce, and serves its files", async () => {
    const page = await docsGet(new Request("http://localhost/api/docs", { headers: { "x-nonce": "abc123" } }));
    const html = await page.text();
    expect(html).toContain('<script nonce="abc123" src="/api/docs/swagger-ui-bundle.js"></script>');
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const [asset, type] of [["swagger-ui-bundle.js", "text/javascript"], ["swagger-ui.css", "text/css"], ["init.js", "text/javascript"]] as const) {
      const response = await docsAssetGet(new Request(`http://localhost/api/docs/${asset}`), { params: Promise.resolve({ asset }) });
      expect([asset, response.status, response.headers.get("content-type")?.split(";")[0]]).toEqual([asset, 200, type]);
    }
    const init = await (await docsAssetGet(new Request("http://localhost/api/docs/init.js"), { params: Promise.resolve({ asset: "init.js" }) })).text();
    expect(init).toContain("validatorUrl: null");
    expect((await docsAssetGet(new Request("http://localhost/api/docs/x"), { params: Promise.resolve({ asset: "../package.json" }) })).status).toBe(404);
  });
});
