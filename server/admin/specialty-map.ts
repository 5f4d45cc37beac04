import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../../db/create";
import { auditLog, industries, specialtyIndustryMap, specialtyIndustryMapHistory, users } from "../../db/schema";
import { MessageError } from "../trpc";
import { audit, type AuditAction } from "./audit";
import { containsPattern } from "../../db/queries/like";


export function mapEntries(db: Db, query?: string) {
  return db
    .select()
    .from(specialtyIndustryMap)
    .where(query ? or(sql`${specialtyIndustryMap.className} like ${containsPattern(query)} escape '\\'`, like(specialtyIndustryMap.domainCode, `${query.replace(/\D/g, "")}%`)) : undefined)
    .orderBy(asc(specialtyIndustryMap.domainCode))
    .all();
}

/**
 * Corrects one class's divisions. Every code must be a GB/T 4754 大类; the row's version goes up and the
 * change (before and after) is kept in the history and the audit log, in one transaction.
 */
export function editMapEntry(db: Db, adminId: string, input: { domainCode: string; primaryDivisions: string[]; relatedDivisions: string[] }) {
  const primary = [...new Set(input.primaryDivisions)];
  const related = [...new Set(input.relatedDivisions)].filter((d) => !primary.includes(d));
  const known = new Set(db.select({ code: industries.code }).from(industries).where(and(eq(industries.level, "division"), inArray(industries.code, [...primary, ...related, "__"]))).all().map((r) => r.code));
  const unknown = [...primary, ...related].find((c) => !known.has(c));
  if (unknown) throw new MessageError("BAD_REQUEST", "errors.divisionUnknown", { code: unknown });
  db.transaction((tx) => {
    const before = tx.select().from(specialtyIndustryMap).where(eq(specialtyIndustryMap.domainCode, input.domainCode)).get();
    if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    tx.update(specialtyIndustryMap).set({ primaryDivisions: primary, relatedDivisions: related, version: before.version + 1 }).where(eq(specialtyIndustryMap.domainCode, input.domainCode)).run();
    tx.insert(specialtyIndustryMapHistory)
      .values({ domainCode: input.domainCode, before: { primaryDivisions: before.primaryDivisions, relatedDivisions: before.relatedDivisions }, after: { primaryDivisions: primary, relatedDivisions: related }, changedBy: adminId })
      .run();
    audit(tx, { actorId: adminId, action: "specialtyMap.edit", targetType: "specialtyClass", targetId: input.domainCode, summary: `${before.className}（${input.domainCode}）`, details: { before: before.primaryDivisions, after: primary } });
  });
}

export function mapHistory(db: Db, domainCode: string) {
  return db
    .select({ id: specialtyIndustryMapHistory.id, before: specialtyIndustryMapHistory.before, after: specialtyIndustryMapHistory.after, createdAt: specialtyIndustryMapHistory.createdAt, changedBy: users.name })
    .from(specialtyIndustryMapHistory)
    .leftJoin(users, eq(users.id, specialtyIndustryMapHistory.changedBy))
    .where(eq(specialtyIndustryMapHistory.domainCode, domainCode))
    .orderBy(desc(specialtyIndustryMapHistory.createdAt))
    .all();
}

/** The audit log, newest first, filtered by action and by text in the target or the actor's name. */
export function searchAuditLog(db: Db, filter: { action?: AuditAction; query?: string; cursor: number; limit: number }) {
  const rows = db
    .select({ id: auditLog.id, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, summary: auditLog.summary, details: auditLog.details, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.query ? or(sql`${auditLog.summary} like ${containsPattern(filter.query)} escape '\\'`, sql`${users.name} like ${containsPattern(filter.query)} escape '\\'`, eq(auditLog.targetId, filter.query)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1)
    .offset(filter.cursor)
    .all();
  return { items: rows.slice(0, filter.limit), nextCursor: rows.length > filter.limit ? filter.cursor + filter.limit : null };
}
