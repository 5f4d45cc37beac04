import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { z } from "zod";
import type { Db } from "../../db/create";
import { audit } from "../admin/audit";
import type { Locale } from "../i18n/messages";
import { appRouter, createCaller } from "../root";
import { attemptWithin, clientAddress, RateLimiter } from "../security/rate-limit";
import { unstorableTextIn } from "../security/unstorable-text";
import { createContext, MessageError, type Context } from "../trpc";
import { answer, apiRoutes, type ApiRoute } from "./routes";
import { authenticateToken, touchToken, type ApiToken } from "./tokens";

/**
 * Calls per token and, without a token, per client address, in a sliding minute: a filing platform's nightly sync
 * pages through thousands of rows at 50–200 a page well within it. Kept where the sign-in limits are kept (memory on
 * SQLite, the rate_limits table on PostgreSQL, shared by every instance).
 */
export const apiLimits = {
  perToken: new RateLimiter(120, 60_000),
  perAddress: new RateLimiter(300, 60_000),
};

export const apiBase = "/api/v1";

const uuid = z.string().uuid();

function localeOf(request: Request): Locale {
  return /^\s*en\b/i.test(request.headers.get("accept-language") ?? "") ? "en" : "zh-CN";
}

/** The route for a method and a path under /api/v1, with its path parameters. */
export function matchRoute(method: string, pathname: string): { route: ApiRoute; path: Record<string, string> } | { allowed: string[] } | null {
  const rest = pathname.startsWith(apiBase) ? pathname.slice(apiBase.length) : null;
  if (rest === null) return null;
  const allowed: string[] = [];
  for (const route of apiRoutes) {
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}/?$`);
    const found = pattern.exec(rest);
    if (!found) continue;
    if (route.method !== method.toLowerCase()) {
      allowed.push(route.method.toUpperCase());
      continue;
    }
    return { route, path: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)])) };
  }
  return allowed.length ? { allowed } : null;
}

/** The JSON Schema types of a zod object's fields, to turn query strings into numbers and lists before parsing. */
const fieldTypes = new WeakMap<z.ZodObject, Record<string, string | undefined>>();
function typesOf(schema: z.ZodObject) {
  let types = fieldTypes.get(schema);
  if (!types) {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { type?: string }> };
    types = Object.fromEntries(Object.entries(json.properties ?? {}).map(([k, v]) => [k, v.type]));
    fieldTypes.set(schema, types);
  }
  return types;
}

/** Reads a query string through a route's zod object: numbers where it expects numbers, lists where lists. */
function readQuery(route: ApiRoute, params: URLSearchParams): Record<string, unknown> {
  if (route.readQuery) {
    const read = route.readQuery(params);
    if ("error" in read) throw new TRPCError({ code: "BAD_REQUEST", cause: read.error });
    return read.input as Record<string, unknown>;
  }
  if (!route.query) return {};
  const types = typesOf(route.query);
  const values: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(types)) {
    const all = params.getAll(name);
    if (all.length === 0) continue;
    const text = all[0]!;
    values[name] = type === "array" ? all : (type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : type === "boolean" ? text === "true" : text;
  }
  const parsed = route.query.safeParse(values);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
  return parsed.data;
}

async function readBody(route: ApiRoute, request: Request): Promise<unknown> {
  if (!route.body) return undefined;
  try {
    return await request.json();
  } catch {
    throw new MessageError("BAD_REQUEST", "errors.apiBodyNotJson");
  }
}

/** The token named by `Authorization: Bearer …`, null without one; refusals throw UNAUTHORIZED (after auditing). */
async function tokenOf(db: Db, request: Request, now: Date, refused: (token: ApiToken) => void): Promise<ApiToken | null> {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  if (!bearer) throw new MessageError("UNAUTHORIZED", "errors.apiTokenInvalid");
  const result = await authenticateToken(db, bearer, now);
  if ("refused" in result) {
    if (result.token) refused(result.token);
    throw new MessageError("UNAUTHORIZED", result.refused === "unknown" ? "errors.apiTokenInvalid" : result.refused === "revoked" ? "errors.apiTokenRevoked" : "errors.apiTokenExpired");
  }
  return result.token;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/**
 * One request to /api/v1: finds the operation, authenticates the bearer token (if any), checks its kind, scope and
 * rate, parses the parameters with the procedures' own schemas, runs the operation through a tRPC caller acting for
 * the token, and writes every call made with a token — refusals included — to the audit log with its status.
 */
export async function handleApiRequest(db: Db, request: Request, now = new Date()): Promise<Response> {
  const url = new URL(request.url);
  const locale = localeOf(request);
  const address = clientAddress(request.headers);
  const found = matchRoute(request.method, url.pathname);
  let ctx: Context | undefined;
  let token: ApiToken | null = null;
  let retryAfter = 0;
  let status = 200;
  let body: unknown;
  try {
    if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    if ("allowed" in found) throw new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: "errors.METHOD_NOT_SUPPORTED" });
    const { route, path } = found;
    token = await tokenOf(db, request, now, (refused) => (token = refused));
    if (route.access !== "public") {
      if (!token) throw new MessageError("UNAUTHORIZED", "errors.apiTokenRequired");
      if (token.kind !== route.access) throw new MessageError("FORBIDDEN", route.access === "authority" ? "errors.apiAuthorityOnly" : "errors.apiOrganisationOnly");
      if (route.scope && !token.scopes.includes(route.scope)) throw new MessageError("FORBIDDEN", "errors.apiScopeMissing", { scope: route.scope });
    }
    retryAfter = await attemptWithin(db, [token ? [apiLimits.perToken, `api-token:${token.id}`] : [apiLimits.perAddress, `api-address:${address}`]], now.getTime());
    if (retryAfter > 0) throw new MessageError("TOO_MANY_REQUESTS", "errors.apiRateLimited", { seconds: retryAfter });
    for (const value of Object.values(path)) if (!uuid.safeParse(value).success) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    // The procedures refuse such text in their input; a query's unknown parameters never reach them.
    const unstorable = unstorableTextIn([...url.searchParams]);
    if (unstorable) throw new MessageError("BAD_REQUEST", unstorable);
    // Public operations answer as to a signed-out visitor; an organisation token acts as the owner who made it.
    const actingUser = route.access === "organisation" ? token!.createdBy : null;
    ctx = await createContext({ db, userId: actingUser, locale, address });
    const call = { db, query: readQuery(route, url.searchParams), path, body: await readBody(route, request), token, caller: createCaller(ctx) };
    body = await answer(route, call);
    status = route.status ?? 200;
  } catch (error) {
    const trpcError = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
    if (trpcError.code === "INTERNAL_SERVER_ERROR") console.error("api/v1", url.pathname, trpcError.cause ?? trpcError);
    status = getHTTPStatusCodeFromError(trpcError);
    const shape = getErrorShape({ config: appRouter._def._config, error: trpcError, type: "unknown", path: undefined, input: undefined, ctx: ctx ?? { locale } as Context });
    body = { error: { code: shape.data.code, message: shape.message, fieldErrors: shape.data.fieldErrors, violations: shape.data.violations } };
  }
  if (token) {
    const routePath = found && "route" in found ? found.route.path : url.pathname.slice(apiBase.length);
    await audit(db, {
      actorId: token.createdBy,
      action: "api.call",
      targetType: "apiToken",
      targetId: token.id,
      summary: `${request.method} ${apiBase}${routePath} ${status}`,
      details: { tokenId: token.id, method: request.method, route: `${apiBase}${routePath}`, status, query: Object.fromEntries(url.searchParams) },
    });
    if (status !== 401) await touchToken(db, token, now);
  }
  return json(status, body, retryAfter > 0 ? { "retry-after": String(retryAfter) } : found && "allowed" in found ? { allow: found.allowed.join(", ") } : {});
}
