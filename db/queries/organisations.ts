import { and, asc, count, desc, eq, like, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../create";
import { industries, memberships, organisationChanges, organisations, regions, schoolSpecialties, specialties, studentProfiles, users, type OrganisationKind, type VerificationStatus } from "../schema";
import { first } from "../sql";
import { containsText } from "./like";

export async function findOrganisation(db: Db, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row;
}

/** Organisation with the names of its region and industry and, for schools, its specialties. */
export async function organisationDetail(db: Db, id: string) {
  const [row] = await db
    .select({ organisation: organisations, regionName: regions.name, industryName: industries.name })
    .from(organisations)
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .leftJoin(industries, eq(industries.code, organisations.industryCode))
    .where(eq(organisations.id, id))
    .limit(1);
  if (!row) return undefined;
  const specialtyRows =
    row.organisation.kind === "school"
      ? await db
          .select({ code: specialties.code, name: specialties.name })
          .from(schoolSpecialties)
          .innerJoin(specialties, eq(specialties.code, schoolSpecialties.specialtyCode))
          .where(eq(schoolSpecialties.organisationId, id))
          .orderBy(asc(specialties.code))
      : [];
  return { ...row.organisation, regionName: row.regionName, industryName: row.industryName, specialties: specialtyRows };
}

/** The organisations a user belongs to, with their role in each. */
export async function membershipsOf(db: Db, userId: string) {
  return db
    .select({ organisationId: organisations.id, name: organisations.name, kind: organisations.kind, role: memberships.role, verificationStatus: organisations.verificationStatus })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

export async function membersOf(db: Db, organisationId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, mobile: users.mobile, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.name));
}

export interface OrganisationFilter {
  status?: VerificationStatus;
  kind?: OrganisationKind;
  query?: string;
  cursor: number;
  limit: number;
}

/** A page of organisations for the administrators' list, oldest pending first. */
export async function listOrganisations(db: Db, filter: OrganisationFilter) {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(organisations.verificationStatus, filter.status) : undefined,
    filter.kind ? eq(organisations.kind, filter.kind) : undefined,
  ];
  if (filter.query) {
    conditions.push(
      or(
        containsText(db, organisations.name, filter.query),
        like(organisations.uscc, `${filter.query.toUpperCase()}%`),
        like(organisations.schoolCode, `${filter.query}%`),
      ),
    );
  }
  const where = and(...conditions);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: organisations.id,
        kind: organisations.kind,
        name: organisations.name,
        uscc: organisations.uscc,
        schoolCode: organisations.schoolCode,
        schoolLevel: organisations.schoolLevel,
        regionCode: organisations.regionCode,
        regionName: regions.name,
        industryName: industries.name,
        staffCount: organisations.staffCount,
        verificationStatus: organisations.verificationStatus,
        verificationEvidence: organisations.verificationEvidence,
        rejectionReason: organisations.rejectionReason,
        createdAt: organisations.createdAt,
      })
      .from(organisations)
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      .leftJoin(industries, eq(industries.code, organisations.industryCode))
      .where(where)
      .orderBy(asc(organisations.createdAt), asc(organisations.id))
      .limit(filter.limit + 1)
      .offset(filter.cursor),
    db.select({ n: count() }).from(organisations).where(where).then(first),
  ]);
  const hasMore = rows.length > filter.limit;
  return { items: rows.slice(0, filter.limit), total: total?.n ?? 0, nextCursor: hasMore ? filter.cursor + filter.limit : null };
}

export async function platformCounts(db: Db) {
  const byKind = await db
    .select({ kind: organisations.kind, status: organisations.verificationStatus, n: count() })
    .from(organisations)
    .groupBy(organisations.kind, organisations.verificationStatus);
  const students = first(await db.select({ n: count() }).from(studentProfiles));
  const allUsers = first(await db.select({ n: count() }).from(users));
  const sum = (pred: (r: (typeof byKind)[number]) => boolean) => byKind.filter(pred).reduce((a, r) => a + r.n, 0);
  return {
    verifiedSchools: sum((r) => r.kind === "school" && r.status === "verified"),
    verifiedEnterprises: sum((r) => r.kind === "enterprise" && r.status === "verified"),
    pending: sum((r) => r.status === "pending"),
    organisations: sum(() => true),
    students: students?.n ?? 0,
    users: allUsers?.n ?? 0,
  };
}

export async function studentCountOfSchool(db: Db, schoolId: string) {
  return first(await db.select({ n: count() }).from(studentProfiles).where(eq(studentProfiles.schoolId, schoolId)))?.n ?? 0;
}

/** Held changes to verified organisations awaiting verification, oldest first, with the verified values. */
export async function pendingOrganisationChanges(db: Db) {
  return db
    .select({
      id: organisationChanges.id,
      organisationId: organisations.id,
      kind: organisations.kind,
      values: organisationChanges.values,
      createdAt: organisationChanges.createdAt,
      current: { name: organisations.name, uscc: organisations.uscc, industryCode: organisations.industryCode, staffCount: organisations.staffCount, integrationCertified: organisations.integrationCertified },
    })
    .from(organisationChanges)
    .innerJoin(organisations, eq(organisations.id, organisationChanges.organisationId))
    .where(eq(organisationChanges.status, "pending"))
    .orderBy(asc(organisationChanges.createdAt), asc(organisationChanges.id))
    .limit(200);
}

/** The newest held change of an organisation still of interest to its members (waiting, or refused). */
export async function latestOrganisationChange(db: Db, organisationId: string) {
  const [change] = await db
    .select({ id: organisationChanges.id, status: organisationChanges.status, values: organisationChanges.values, reason: organisationChanges.reason, createdAt: organisationChanges.createdAt })
    .from(organisationChanges)
    .where(and(eq(organisationChanges.organisationId, organisationId), ne(organisationChanges.status, "superseded")))
    .orderBy(desc(organisationChanges.createdAt), desc(organisationChanges.id))
    .limit(1);
  return change;
}
