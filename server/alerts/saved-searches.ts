import { TRPCError } from "@trpc/server";
import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { organisations, savedSearches } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { savedCandidateParams, savedPostingParams, type AlertFrequency, type SavedCandidateParams, type SavedPostingParams } from "../schemas/saved-searches";
import { savedSearchOfToken } from "../mail/links";
import { MessageError } from "../trpc";
import { recordCurrentCandidates } from "./candidates";

/** Saved searches a user may keep: enough for every specialty and place they follow, bounded for the alert runs. */
export const savedSearchLimit = 50;

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });

async function assertRoomFor(db: Db, userId: string) {
  const [row] = await db.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId));
  if ((row?.n ?? 0) >= savedSearchLimit) throw new MessageError("BAD_REQUEST", "errors.savedSearchLimit", { max: savedSearchLimit });
}

/** Saves a search of postings; postings published from now on that it finds are alerted. */
export async function savePostingSearch(db: Db, userId: string, input: { name: string; frequency: AlertFrequency; params: SavedPostingParams }, now = new Date()) {
  return withTransaction(db, async (tx) => {
    await assertRoomFor(tx, userId);
    const [row] = await tx.insert(savedSearches).values({ userId, kind: "postings", name: input.name, params: input.params, frequency: input.frequency, checkedAt: now }).returning({ id: savedSearches.id });
    return { id: row!.id };
  });
}

/**
 * Saves an enterprise's search of candidates. The students it finds now are recorded as found, so the alerts
 * name only students who become visible (or start to match) afterwards.
 */
export async function saveCandidateSearch(db: Db, userId: string, input: { organisationId: string; name: string; frequency: AlertFrequency; params: SavedCandidateParams }, now = new Date()) {
  return withTransaction(db, async (tx) => {
    await assertRoomFor(tx, userId);
    const [row] = await tx
      .insert(savedSearches)
      .values({ userId, organisationId: input.organisationId, kind: "candidates", name: input.name, params: input.params, frequency: input.frequency, checkedAt: now })
      .returning({ id: savedSearches.id });
    await recordCurrentCandidates(tx, row!.id, input.params);
    return { id: row!.id };
  });
}

/** The user's saved searches, newest first; only ever their own. */
export async function listSavedSearches(db: Db, userId: string) {
  const rows = await db
    .select({ id: savedSearches.id, kind: savedSearches.kind, name: savedSearches.name, params: savedSearches.params, frequency: savedSearches.frequency, mailEnabled: savedSearches.mailEnabled, checkedAt: savedSearches.checkedAt, createdAt: savedSearches.createdAt, organisationName: organisations.name })
    .from(savedSearches)
    .leftJoin(organisations, eq(organisations.id, savedSearches.organisationId))
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.createdAt), desc(savedSearches.id));
  return rows.map((r) => {
    const posting = r.kind === "postings" ? savedPostingParams.safeParse(r.params) : null;
    return { ...r, searchUrl: posting ? (posting.success ? postingSearchUrl(posting.data) : "/search") : null };
  });
}

/** Changes one of the user's saved searches; another user's (or a missing one) is NOT_FOUND, not revealing it exists. */
export async function updateSavedSearch(db: Db, userId: string, savedSearchId: string, changes: { name?: string; frequency?: AlertFrequency; mailEnabled?: boolean }) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.BAD_REQUEST" });
  const updated = await db.update(savedSearches).set(set).where(and(eq(savedSearches.id, savedSearchId), eq(savedSearches.userId, userId))).returning({ id: savedSearches.id });
  if (updated.length === 0) throw notFound();
}

export async function deleteSavedSearch(db: Db, userId: string, savedSearchId: string) {
  const deleted = await db.delete(savedSearches).where(and(eq(savedSearches.id, savedSearchId), eq(savedSearches.userId, userId))).returning({ id: savedSearches.id });
  if (deleted.length === 0) throw notFound();
}

/** The one-click unsubscribe (app/api/unsubscribe): no more mails for this saved search. False when it no longer exists. */
export async function stopSavedSearchMail(db: Db, savedSearchId: string): Promise<boolean> {
  const updated = await db.update(savedSearches).set({ mailEnabled: false }).where(eq(savedSearches.id, savedSearchId)).returning({ id: savedSearches.id });
  return updated.length > 0;
}

/** The search page's address for a saved search (the page's own URL parameters, server/schemas/search-params.ts). */
export function postingSearchUrl(params: SavedPostingParams): string {
  const url = new URLSearchParams();
  if (params.query) url.set("q", params.query);
  if (params.regionCode) url.set("region", params.regionCode);
  if (params.industryCode) url.set("industry", params.industryCode);
  if (params.specialtyCode) url.set("specialty", params.specialtyCode);
  if (params.kinds?.length === 1) url.set("kind", params.kinds[0]!);
  if (params.payMin !== undefined) url.set("payMin", String(params.payMin));
  const text = url.toString();
  return text ? `/search?${text}` : "/search";
}

/** The stored parameters of a saved search, read through today's schema (a stored field no longer known is dropped). */
export function paramsOf(row: { kind: "postings" | "candidates"; params: Record<string, unknown> }) {
  return row.kind === "postings" ? { kind: "postings" as const, params: savedPostingParams.safeParse(row.params) } : { kind: "candidates" as const, params: savedCandidateParams.safeParse(row.params) };
}

/** The saved search a signed unsubscribe token names (server/mail/links.ts), with its name; null for a bad token or a deleted search. */
export async function savedSearchForToken(db: Db, token: string) {
  const id = savedSearchOfToken(token);
  if (!id) return null;
  const [row] = await db.select({ id: savedSearches.id, name: savedSearches.name }).from(savedSearches).where(eq(savedSearches.id, id)).limit(1);
  return row ?? null;
}
