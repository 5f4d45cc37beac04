import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, like, or } from "drizzle-orm";
import type { Db } from "../../db/create";
import { auditLog, industries, specialtyIndustryMap, specialtyIndustryMapHistory, users } from "../../db/schema";
import { MessageError } from "../trpc";
import { audit, type AuditAction } from "./audit";
import { containsText } from "../../db/queries/like";
import { withTransaction } from "../../db/transaction";

export async function mapEntries(db: Db, query?: string) {
  return db
    .select()
    .from(specialtyIndustryMap)
    .where(query ? or(containsText(db, specialtyIndustryMap.className, query), like(specialtyIndustryMap.domainCode, `${query.replace(/\D/g, "")}%`)) : undefined)
    .orderBy(asc(specialtyIndustryMap.domainCode));
}

/**
 * Corrects one class's divisions. Every code must be a GB/T 4754 大类; the row's version goes up and the
 * change (before and after) is kept in the history and the audit log, in one transaction.
 */
export async function editMapEntry(db: Db, adminId: string, input: { domainCode: string; primaryDivisions: string[]; relatedDivisions: string[] }) {
  const primary = [...new Set(input.primaryDivisions)];
  const related = [...new Set(input.relatedDivisions)].filter((d) => !primary.includes(d));
  const divisions = await db.select({ code: industries.code }).from(industries).where(and(eq(industries.level, "division"), inArray(industries.code, [...primary, ...related, "__"])));
  const known = new Set(divisions.map((r) => r.code));
  const unknown = [...primary, ...related].find((c) => !known.has(c));
  if (unknown) throw new MessageError("BAD_REQUEST", "errors.divisionUnknown", { code: unknown });
  await withTransaction(db, async (tx) => {
    const [before] = await tx.select().from(specialtyIndustryMap).where(eq(specialtyIndustryMap.domainCode, input.domainCode)).limit(1);
    if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
    await tx.update(specialtyIndustryMap).set({ primaryDivisions: primary, relatedDivisions: related, version: before.version + 1 }).where(eq(specialtyIndustryMap.domainCode, input.domainCode));
    await tx
      .insert(specialtyIndustryMapHistory)
      .values({ domainCode: input.domainCode, before: { primaryDivisions: before.primaryDivisions, relatedDivisions: before.relatedDivisions }, after: { primaryDivisions: primary, relatedDivisions: related }, changedBy: adminId });
    await audit(tx, { actorId: adminId, action: "specialtyMap.edit", targetType: "specialtyClass", targetId: input.domainCode, summary: `${before.className}（${input.domainCode}）`, details: { before: before.primaryDivisions, after: primary } });
  });
}

export async function mapHistory(db: Db, domainCode: string) {
  return db
    .select({ id: specialtyIndustryMapHistory.id, before: specialtyIndustryMapHistory.before, after: specialtyIndustryMapHistory.after, createdAt: specialtyIndustryMapHistory.createdAt, changedBy: users.name })
    .from(specialtyIndustryMapHistory)
    .leftJoin(users, eq(users.id, specialtyIndustryMapHistory.changedBy))
    .where(eq(specialtyIndustryMapHistory.domainCode, domainCode))
    .orderBy(desc(specialtyIndustryMapHistory.createdAt));
}

/** The audit log, newest first, filtered by action and by text in the target or the actor's name. */
export async function searchAuditLog(db: Db, filter: { action?: AuditAction; query?: string; cursor: number; limit: number }) {
  const rows = await db
    .select({ id: auditLog.id, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, summary: auditLog.summary, details: auditLog.details, createdAt: auditLog.createdAt, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.query ? or(containsText(db, auditLog.summary, filter.query), containsText(db, users.name, filter.query), eq(auditLog.targetId, filter.query)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1)
    .offset(filter.cursor);
  return { items: rows.slice(0, filter.limit), nextCursor: rows.length > filter.limit ? filter.cursor + filter.limit : null };
}
