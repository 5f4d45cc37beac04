import { z } from "zod";
import { apiError } from "./responses";
import { apiRoutes, type ApiRoute } from "./routes";
import { apiBase, apiLimits } from "./handle";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string };

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a client sends it (`io: "input"`) or receives it. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

const errorRef = { $ref: "#/components/schemas/Error" };
const errorResponses: Record<string, { zh: string; en: string }> = {
  "400": { zh: "参数或内容不合规（fieldErrors / violations 逐条说明）", en: "Invalid parameters or content (fieldErrors / violations say what)" },
  "401": { zh: "缺少令牌，或令牌无效、已吊销、已过期", en: "No token, or an unknown, revoked or expired token" },
  "403": { zh: "令牌类型或权限范围不允许此操作", en: "The token's kind or scopes do not allow this operation" },
  "404": { zh: "不存在或无权查看", en: "Not found, or not visible to this token" },
  "429": { zh: "调用过于频繁：按 Retry-After 秒后再试", en: "Too many calls: retry after Retry-After seconds" },
};

const accessNote: Record<ApiRoute["access"], { zh: string; en: string }> = {
  public: { zh: "公开接口，无需令牌（带令牌的调用同样记入审计日志）。", en: "Public: no token needed (calls made with a token are audited too)." },
  organisation: { zh: "需要单位令牌（由单位负责人在“开放接口”页面创建）。", en: "Needs an organisation token (made by an owner on the organisation's API tokens page)." },
  authority: { zh: "需要主管部门令牌（由管理员签发，限定省或市），只返回辖区内的数据。", en: "Needs an authority token (issued by an administrator for a province or city); answers only rows in its region." },
};

function operation(route: ApiRoute) {
  const parameters: Record<string, unknown>[] = [];
  for (const name of route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
    parameters.push({ name, in: "path", required: true, schema: { type: "string", format: "uuid" }, example: route.example.path?.[name] });
  }
  if (route.query) {
    const schema = jsonSchema(route.query, "input");
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      parameters.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}), ...(route.example.query?.[name] !== undefined ? { example: route.example.query[name] } : {}) });
    }
  }
  const scopeNote = route.scope ? { zh: `权限范围：\`${route.scope}\`。`, en: `Scope: \`${route.scope}\`.` } : { zh: "", en: "" };
  const errors = Object.entries(errorResponses).filter(([code]) => route.access !== "public" || !["401", "403"].includes(code));
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: `${route.summary.zh} / ${route.summary.en}`,
    description: `${route.description.zh}\n\n${accessNote[route.access].zh}${scopeNote.zh}\n\n---\n\n${route.description.en}\n\n${accessNote[route.access].en} ${scopeNote.en}`.trim(),
    security: route.access === "public" ? [{}, { apiToken: [] }] : [{ apiToken: route.scope ? [route.scope] : [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input"), example: route.example.body } } } } : {}),
    responses: {
      [String(route.status ?? 200)]: { description: `${route.summary.zh} / ${route.summary.en}`, content: { "application/json": { schema: jsonSchema(route.response, "output"), example: route.example.response } } },
      ...Object.fromEntries(errors.map(([code, text]) => [code, { description: `${text.zh} / ${text.en}`, content: { "application/json": { schema: errorRef } } }])),
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the route table and its zod schemas (built once). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) (paths[route.path] ??= {})[route.method] = operation(route);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "产教桥 EduBridge 开放接口 / Open API",
      version: "1.0.0",
      description: [
        `产教桥的开放接口，供省级平台、主管部门和合作单位读取岗位、实习与备案数据。令牌在网页上创建，只显示一次；每次带令牌的调用都记入审计日志；每个令牌每分钟最多 ${apiLimits.perToken.limit} 次调用。`,
        `EduBridge's open API for provincial platforms, education authorities and partner organisations: postings, placements and filing data. Tokens are made on the web and shown once; every call made with a token is written to the audit log; each token may make ${apiLimits.perToken.limit} calls a minute.`,
        "认证 / Authentication: `Authorization: Bearer ebt_…`. 语言 / Language: `Accept-Language: en` for English messages (default 中文).",
      ].join("\n\n"),
    },
    servers: [{ url: apiBase }],
    tags: [
      { name: "public", description: "公开数据 / Public data" },
      { name: "organisation", description: "单位令牌 / Organisation token" },
      { name: "authority", description: "主管部门令牌 / Authority token" },
    ],
    paths,
    components: {
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "单位令牌或主管部门令牌 / An organisation or authority token (ebt_…)" } },
      schemas: { Error: jsonSchema(apiError, "output") },
    },
  };
  return cached;
}
