import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/create";
import { regions, tables } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { audit } from "../admin/audit";
import { MessageError } from "../trpc";
import type { CreateAuthorityTokenInput, CreateOrganisationTokenInput } from "../schemas/api-tokens";
import { tokenPrefix, type ApiScope, type ApiTokenKind } from "./scopes";

const { apiTokens } = tables;

/** The stored form of a token: its SHA-256. 32 random bytes need no salt or slow hash: nothing to guess. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The end of a day in China (UTC+8), when a token with that last day stops working. */
function endOfDayInChina(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

/** Columns shown in lists: never the hash. */
const listed = {
  id: apiTokens.id,
  kind: apiTokens.kind,
  organisationId: apiTokens.organisationId,
  regionCode: apiTokens.regionCode,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  prefix: apiTokens.prefix,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
  lastUsedAt: apiTokens.lastUsedAt,
  createdAt: apiTokens.createdAt,
};

async function insertToken(
  tx: Db,
  userId: string,
  values: { kind: ApiTokenKind; organisationId: string | null; regionCode: string | null; name: string; scopes: readonly ApiScope[]; expiresOn?: string },
  now: Date,
) {
  const expiresAt = values.expiresOn ? endOfDayInChina(values.expiresOn) : null;
  if (expiresAt && expiresAt <= now) throw new MessageError("BAD_REQUEST", "errors.apiTokenExpiryPast");
  const token = `${tokenPrefix}${randomBytes(32).toString("base64url")}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({ kind: values.kind, organisationId: values.organisationId, regionCode: values.regionCode, name: values.name, scopes: [...new Set(values.scopes)], tokenHash: hashToken(token), prefix: token.slice(0, tokenPrefix.length + 6), createdBy: userId, expiresAt })
    .returning({ id: apiTokens.id });
  await audit(tx, { actorId: userId, action: "apiToken.create", targetType: "apiToken", targetId: row!.id, summary: values.name, details: { kind: values.kind, organisationId: values.organisationId, regionCode: values.regionCode, scopes: values.scopes } });
  // The only time the token itself leaves the server.
  return { id: row!.id, token };
}

/** A token for an organisation, made by one of its owners (the router checks the membership and role). */
export async function createOrganisationToken(db: Db, userId: string, input: CreateOrganisationTokenInput & { scopes: ApiScope[] }, now = new Date()) {
  return withTransaction(db, (tx) => insertToken(tx, userId, { kind: "organisation", organisationId: input.organisationId, regionCode: null, name: input.name, scopes: input.scopes, expiresOn: input.expiresOn }, now));
}

/** A token for an education authority of a province or city, issued by an administrator. */
export async function createAuthorityToken(db: Db, adminId: string, input: CreateAuthorityTokenInput & { scopes: ApiScope[] }, now = new Date()) {
  return withTransaction(db, async (tx) => {
    const [region] = await tx.select({ level: regions.level }).from(regions).where(eq(regions.code, input.regionCode)).limit(1);
    if (!region || (region.level !== "province" && region.level !== "city")) throw new MessageError("BAD_REQUEST", "errors.apiRegionScope");
    return insertToken(tx, adminId, { kind: "authority", organisationId: null, regionCode: input.regionCode, name: input.name, scopes: input.scopes, expiresOn: input.expiresOn }, now);
  });
}

type ListedRow = { revokedAt: Date | null; expiresAt: Date | null };

/** Each token with its state now: active, revoked or expired. */
function withState<T extends ListedRow>(rows: T[], now: Date) {
  return rows.map((row) => ({ ...row, state: row.revokedAt ? ("revoked" as const) : row.expiresAt && row.expiresAt <= now ? ("expired" as const) : ("active" as const) }));
}

export async function organisationTokens(db: Db, organisationId: string, now = new Date()) {
  return withState(await db.select(listed).from(apiTokens).where(and(eq(apiTokens.kind, "organisation"), eq(apiTokens.organisationId, organisationId))).orderBy(desc(apiTokens.createdAt)), now);
}

export async function authorityTokens(db: Db, now = new Date()) {
  return withState(await db.select(listed).from(apiTokens).where(eq(apiTokens.kind, "authority")).orderBy(desc(apiTokens.createdAt)), now);
}

/**
 * Revokes a token of this kind (and, for an organisation token, of this organisation: another organisation's
 * token is NOT_FOUND, not revealed). Revoking twice changes nothing.
 */
export async function revokeToken(db: Db, userId: string, target: { tokenId: string; kind: ApiTokenKind; organisationId?: string }, now = new Date()) {
  return withTransaction(db, async (tx) => {
    const owner = target.kind === "organisation" ? eq(apiTokens.organisationId, target.organisationId ?? "") : isNull(apiTokens.organisationId);
    const [row] = await tx.select({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(and(eq(apiTokens.id, target.tokenId), eq(apiTokens.kind, target.kind), owner)).limit(1);
    if (!row) throw new MessageError("NOT_FOUND", "errors.NOT_FOUND");
    if (row.revokedAt) return { revokedAt: row.revokedAt };
    await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, row.id));
    await audit(tx, { actorId: userId, action: "apiToken.revoke", targetType: "apiToken", targetId: row.id, summary: row.name, details: { kind: target.kind } });
    return { revokedAt: now };
  });
}

export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * The token a request's `Authorization: Bearer …` names: `{ token }` when it works, `{ refused, token? }` when it
 * is unknown, revoked or expired (the row, when there is one, so the refusal is audited under its id).
 */
export async function authenticateToken(db: Db, bearer: string, now = new Date()): Promise<{ token: ApiToken } | { refused: "unknown" | "revoked" | "expired"; token?: ApiToken }> {
  const [token] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(bearer))).limit(1);
  if (!token) return { refused: "unknown" };
  if (token.revokedAt) return { refused: "revoked", token };
  if (token.expiresAt && token.expiresAt <= now) return { refused: "expired", token };
  return { token };
}

/** Records when a token was last used, at most once a minute per token (no write on every call). */
export async function touchToken(db: Db, token: ApiToken, now = new Date()) {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < 60_000) return;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
}
