import { TRPCError } from "@trpc/server";
import { and, eq, gt, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/create";
import { organisations, postings, postingSpecialties, regions, schoolSpecialties, specialties, studentProfiles, users } from "../../db/schema";
import { enterprisePostingKinds } from "../../db/schema-enums";
import { checkStudentEligibility, type PostingFacts } from "../compliance/application";
import { explainReasons, findPostings, openPostingCounts } from "../search/search-postings";
import { divisionsOf, industryMapRows, mappedDivisions, regionRef, regionRefs } from "./profile";
import { regionReason, scoreMatch, weights, type MatchProfile, type SpecialtyRef } from "./score";
import { pushTo } from "../../db/collections";
import { visibleProfileOf } from "../students/visibility";
import { MessageError } from "../trpc";

async function specialtyRefs(db: Db, codes: string[]): Promise<SpecialtyRef[]> {
  if (codes.length === 0) return [];
  const rows = await db.select({ code: specialties.code, domainCode: specialties.domainCode }).from(specialties).where(inArray(specialties.code, codes));
  return rows.map((r) => ({ code: r.code, classDomain: r.domainCode, groupDomain: r.domainCode.slice(0, 2) }));
}

/** A profile from a set of specialties and a place: what a posting, a school or an enterprise looks for. */
export async function profileOf(db: Db, specialtyCodes: string[], regionCode: string, ownDivision?: string | null): Promise<MatchProfile> {
  const specs = await specialtyRefs(db, specialtyCodes);
  const divisions = await mappedDivisions(db, specs.map((s) => s.classDomain));
  if (ownDivision) divisions.primary.add(ownDivision);
  return { specialties: specs, region: await regionRef(db, regionCode), preferredRegions: [], primaryDivisions: divisions.primary, relatedDivisions: divisions.related };
}

/**
 * For one of an organisation's postings, its counterparts. An enterprise posting gets the schools'
 * programme cohorts that fit it and the students who let enterprises find them (leaving out those the
 * rules bar from the post: first year, age 16, work forbidden to minors); a school's cohort or training base gets the enterprise postings that fit.
 */
export async function matchForPosting(db: Db, organisationId: string, postingId: string, now = Date.now()) {
  const posting = (await db.select().from(postings).where(and(eq(postings.id, postingId), eq(postings.organisationId, organisationId))).limit(1))[0];
  if (!posting) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  // Matches only from published postings: a draft (or a rejected or withdrawn posting) could otherwise be
  // re-aimed at any specialty to harvest students, as issue 13 showed.
  if (posting.status !== "published") throw new MessageError("BAD_REQUEST", "errors.matchPostingNotPublished");
  const codes = (await db.select({ code: postingSpecialties.specialtyCode }).from(postingSpecialties).where(eq(postingSpecialties.postingId, postingId))).map((r) => r.code);
  const profile = await profileOf(db, codes, posting.regionCode);
  const isEnterprisePosting = (enterprisePostingKinds as readonly string[]).includes(posting.kind);

  const found = await findPostings(db, {
    filters: { kinds: isEnterprisePosting ? ["programme_cohort"] : [...enterprisePostingKinds] },
    sort: "relevance",
    profile,
    limit: 10,
    now,
    counts: false,
  });
  const matches = found.items.filter((i) => i.organisationId !== organisationId);
  if (!isEnterprisePosting) return { postings: matches, students: [] };

  const top = await visibleStudentsFor(db, posting, profile, now);
  const explained = await explainReasons(db, top.map((s) => s.reasons), (code) => top.find((s) => s.specialtyCode === code)?.specialtyName);
  return { postings: matches, students: top.map(({ reasons: _reasons, ...s }, i) => ({ ...s, explanation: explained[i] ?? [] })) };
}

/**
 * The ten visible students who fit a posting best, without scoring every visible student. A student's
 * score here is their specialty tier plus their school's region tier (no industry, freshness or seats),
 * so the (specialty tier, region tier) pairs are visited best first, each in user order, until ten
 * students whom the rules allow on the posting are found. Ties keep the order of the full ranking
 * (score, then user id) because no two pairs give the same score.
 */
async function visibleStudentsFor(db: Db, posting: Pick<typeof postings.$inferSelect, "kind" | "status" | "applyBy" | "startDate" | "quantity" | "details">, profile: MatchProfile, now: number) {
  const wanted = 10;
  const codes = [...new Set(profile.specialties.map((s) => s.code))];
  const classes = new Set(profile.specialties.map((s) => s.classDomain));
  const groups = new Set(profile.specialties.map((s) => s.groupDomain));
  // Specialty codes by tier, from the catalogue (a few hundred rows at most).
  const catalogue = await db.select({ code: specialties.code, domainCode: specialties.domainCode }).from(specialties).where(inArray(sql`substr(${specialties.domainCode}, 1, 2)`, [...groups]));
  const sameClass = catalogue.filter((s) => classes.has(s.domainCode) && !codes.includes(s.code)).map((s) => s.code);
  const sameGroup = catalogue.filter((s) => !classes.has(s.domainCode)).map((s) => s.code);
  const specialtyTiers = [
    { points: weights.specialty.same, codes },
    { points: weights.specialty.sameClass, codes: sameClass },
    { points: weights.specialty.sameGroup, codes: sameGroup },
  ].filter((t) => t.codes.length > 0);
  // Places by the region tier a school there gives (regionReason, as in the score), as lists of the
  // counties of the posting's province; anywhere else gives none (posting profiles name no preferred
  // regions). Students carry their school's county, so each pair is read from one index.
  const mine = profile.region;
  const places: { points: number; where: SQL | undefined }[] = [];
  if (mine) {
    const province = await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(eq(regions.provinceCode, mine.province));
    const byPoints = new Map<number, string[]>();
    for (const r of province) pushTo(byPoints, regionReason(profile, { county: r.code, city: r.cityCode ?? r.code, province: r.provinceCode })?.points ?? 0, r.code);
    for (const [points, codes] of byPoints) places.push({ points, where: inArray(studentProfiles.schoolRegionCode, codes) });
    places.push({ points: 0, where: notInArray(studentProfiles.schoolRegionCode, province.map((r) => r.code)) });
  } else {
    places.push({ points: 0, where: undefined });
  }
  // Pairs with the same score are asked together, so their students keep user order among themselves.
  const pairsByPoints = new Map<number, SQL[]>();
  for (const specialty of specialtyTiers) {
    for (const place of places) pushTo(pairsByPoints, specialty.points + place.points, and(inArray(studentProfiles.specialtyCode, specialty.codes), place.where)!);
  }
  const pairs = [...pairsByPoints].sort((a, b) => b[0] - a[0]).map(([, where]) => ({ where: or(...where) }));
  const facts: PostingFacts = {
    kind: posting.kind,
    status: posting.status,
    applyBy: posting.applyBy,
    startDate: posting.startDate,
    quantity: posting.quantity,
    specialtyGroups: [...groups],
    forbiddenForMinors: posting.details.forbiddenForMinors === true,
    postStaffCount: null,
  };
  const found = [];
  const batch = 50;
  for (const pair of pairs) {
    // In batches by user id (keyset): most pairs settle within the first batch.
    for (let after = ""; found.length < wanted; ) {
      const rows = await db
        .select({ userId: users.id, name: users.name, specialtyCode: studentProfiles.specialtyCode, specialtyName: specialties.name, domainCode: specialties.domainCode, enrolmentYear: studentProfiles.enrolmentYear, birthDate: studentProfiles.birthDate, schoolId: studentProfiles.schoolId, schoolName: organisations.name, schoolRegion: organisations.regionCode, schoolCity: regions.cityCode, schoolProvince: regions.provinceCode, preferredRegions: studentProfiles.preferredRegions, skills: studentProfiles.skills, certificates: studentProfiles.certificates, bio: studentProfiles.bio })
        .from(studentProfiles)
        .innerJoin(users, eq(users.id, studentProfiles.userId))
        .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
        .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
        .innerJoin(regions, eq(regions.code, organisations.regionCode))
        // Only student_profiles columns here: SQLite settles the filter from the index before any join.
        .where(and(eq(studentProfiles.visibleToEnterprises, true), after ? gt(studentProfiles.userId, after) : undefined, pair.where))
        .orderBy(studentProfiles.userId)
        .limit(batch);
      for (const c of rows) {
        // The same rules as applying (first year, age 16, work forbidden to minors, apprentices under 16): nobody is
        // shown to a host who could not take the post.
        if (checkStudentEligibility(facts, { enrolmentYear: c.enrolmentYear, birthDate: c.birthDate, specialtyGroup: c.domainCode.slice(0, 2) }).length > 0) continue;
        const match = scoreMatch(profile, { specialties: [{ code: c.specialtyCode, classDomain: c.domainCode, groupDomain: c.domainCode.slice(0, 2) }], region: { county: c.schoolRegion, city: c.schoolCity ?? c.schoolRegion, province: c.schoolProvince }, industryDivision: null, publishedAt: null, openSeats: null }, now);
        // Only what a visible profile shows (server/students/visibility.ts): no full name, birth date or contact details.
        found.push({ ...visibleProfileOf(c), score: match.score, reasons: match.reasons });
        if (found.length === wanted) break;
      }
      if (rows.length < batch) break;
      after = rows.at(-1)!.userId;
    }
    if (found.length === wanted) break;
  }
  return found;
}

/**
 * The counterpart organisations most worth contacting. A school is matched with enterprises through the
 * enterprises' open postings (each enterprise scored by its best one); an enterprise with the verified
 * schools whose specialties fit what it posts (or, with nothing posted, its industry).
 */
export async function matchForOrganisation(db: Db, organisationId: string, now = Date.now()) {
  const org = (await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1))[0];
  if (!org) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });

  if (org.kind === "school") {
    const codes = (await db.select({ code: schoolSpecialties.specialtyCode }).from(schoolSpecialties).where(eq(schoolSpecialties.organisationId, organisationId))).map((r) => r.code);
    const profile = await profileOf(db, codes, org.regionCode);
    const kinds = [...enterprisePostingKinds];
    // Enterprises ranked by their best posting: one posting per enterprise.
    const found = await findPostings(db, { filters: { kinds }, sort: "relevance", profile, limit: 10, now, counts: false, distinctOrganisations: true });
    const open = await openPostingCounts(db, found.items.map((i) => i.organisationId), kinds, now);
    return found.items.map((b) => ({ organisationId: b.organisationId, name: b.organisationName, score: b.score ?? 0, explanation: b.explanation, bestPosting: { id: b.id, title: b.title }, postings: open.get(b.organisationId) ?? 0 }));
  }

  // An enterprise: what it asks for is the specialties of its open postings.
  const postingRows = await db.select({ rowid: postings.id }).from(postings).where(and(eq(postings.organisationId, organisationId), eq(postings.status, "published")));
  const codes = postingRows.length
    ? (await db.selectDistinct({ code: postingSpecialties.specialtyCode }).from(postingSpecialties).where(inArray(postingSpecialties.postingId, postingRows.map((p) => p.rowid)))).map((r) => r.code)
    : [];
  const profile = await profileOf(db, codes, org.regionCode, org.industryCode?.slice(0, 2));
  const schools = await db.select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode }).from(organisations).where(and(eq(organisations.kind, "school"), eq(organisations.verificationStatus, "verified")));
  const offered = new Map<string, string[]>();
  for (const s of await db.select().from(schoolSpecialties)) pushTo(offered, s.organisationId, s.specialtyCode);
  const allRefs = new Map((await specialtyRefs(db, [...new Set([...offered.values()].flat())])).map((r) => [r.code, r]));
  // Everything per school is read up front in three queries, not per school.
  const regionsOf = await regionRefs(db, schools.map((s) => s.regionCode));
  const industryMap = await industryMapRows(db);
  const scored = [];
  for (const school of schools) {
    const region = regionsOf.get(school.regionCode);
    if (!region) continue;
    const specs = (offered.get(school.id) ?? []).map((c) => allRefs.get(c)).filter((r): r is SpecialtyRef => !!r);
    // A school's programmes feed the industries their classes map to: count that as its "industry".
    const schoolDivisions = divisionsOf(industryMap, specs.map((s) => s.classDomain));
    const division = [...schoolDivisions.primary].find((d) => profile.primaryDivisions.has(d)) ?? null;
    const match = scoreMatch(profile, { specialties: specs, region, industryDivision: division, publishedAt: null, openSeats: null }, now);
    scored.push({ organisationId: school.id, name: school.name, score: match.score, reasons: match.reasons });
  }
  scored.sort((a, b) => b.score - a.score || a.organisationId.localeCompare(b.organisationId));
  const top = scored.slice(0, 10);
  const names = new Map((await db.select({ code: specialties.code, name: specialties.name }).from(specialties).where(inArray(specialties.code, codes))).map((r) => [r.code, r.name]));
  const explained = await explainReasons(db, top.map((s) => s.reasons), (code) => names.get(code));
  return top.map(({ reasons: _reasons, ...s }, i) => ({ ...s, explanation: explained[i] ?? [], bestPosting: null, postings: 0 }));
}

