import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, like, or } from "drizzle-orm";
import type { Db } from "../../db/create";
import { auditLog, industries, schoolSpecialties, specialties, specialtyIndustryMap, specialtyIndustryMapHistory, users } from "../../db/schema";
import { MessageError } from "../trpc";
import { audit, type AuditAction } from "./audit";
import { containsText } from "../../db/queries/like";
import { withTransaction } from "../../db/transaction";

/**
 * Which rows a search on the map means: digits are a code — the map's own class code ("1102"), a group
 * ("11"), or a catalogue code of any level ("5102" 高职 计算机类, "510201" one of its specialties) — and
 * anything else is part of a class name. A query never becomes an empty pattern: `LIKE '%'` once listed all
 * 97 classes for "护理", so the first 编辑 edited 农业类.
 */
export async function mapSearchCondition(db: Db, query: string) {
  const text = query.trim();
  if (!/^\d{2,6}$/.test(text)) return containsText(db, specialtyIndustryMap.className, text);
  const catalogue = await db
    .select({ domainCode: specialties.domainCode })
    .from(specialties)
    .where(inArray(specialties.code, [text, text.slice(0, 4)]));
  const prefixes = new Set([text.slice(0, 4), ...catalogue.map((r) => r.domainCode.slice(0, 4))]);
  return or(...[...prefixes].map((p) => like(specialtyIndustryMap.domainCode, `${p}%`)));
}

export async function mapEntries(db: Db, query?: string) {
  const text = query?.trim();
  return db
    .select()
    .from(specialtyIndustryMap)
    .where(text ? await mapSearchCondition(db, text) : undefined)
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

/**
 * GB/T 4754-2017 小类 of a school by its level: 中职 8336 中等职业学校教育, 高职专科 and 职业本科 8341 普通高等教育
 * (section P 教育). The seed files schools here and the posting form falls back to it.
 */
export function schoolIndustryCode(level: string | null | undefined): string {
  return level === "secondary" ? "8336" : "8341";
}

/**
 * The industry division a specialty class's students go into: the first primary (then related) division of the
 * map outside section S/T (91–97: party, state organs, social organisations), where students are not placed as
 * interns; null when the class has none (公安管理类), and the school's own industry applies.
 */
export function industryOfClass(primary: readonly string[], related: readonly string[]): string | null {
  return [...primary, ...related].find((d) => Number(d) < 91) ?? null;
}

/**
 * For a school's posting form: each specialty the school runs → the industry division of its class on the
 * specialty→industry map (industryOfClass), with the division's name. A programme cohort of 护理 is then filed under 84 卫生,
 * where the enterprises that want those graduates are, without the user looking the code up.
 */
export async function industryBySpecialty(db: Db, schoolId: string): Promise<Record<string, { code: string; name: string }>> {
  const rows = await db
    .select({ specialtyCode: schoolSpecialties.specialtyCode, primary: specialtyIndustryMap.primaryDivisions, related: specialtyIndustryMap.relatedDivisions })
    .from(schoolSpecialties)
    .innerJoin(specialties, eq(specialties.code, schoolSpecialties.specialtyCode))
    .innerJoin(specialtyIndustryMap, eq(specialtyIndustryMap.domainCode, specialties.domainCode))
    .where(eq(schoolSpecialties.organisationId, schoolId));
  const divisionOf = (r: (typeof rows)[number]) => industryOfClass(r.primary, r.related);
  const divisions = [...new Set(rows.map(divisionOf).filter((d): d is string => !!d))];
  const names = new Map(
    divisions.length ? (await db.select({ code: industries.code, name: industries.name }).from(industries).where(inArray(industries.code, divisions))).map((r) => [r.code, r.name]) : [],
  );
  const out: Record<string, { code: string; name: string }> = {};
  for (const r of rows) {
    const code = divisionOf(r);
    if (code && names.has(code)) out[r.specialtyCode] = { code, name: names.get(code)! };
  }
  return out;
}
