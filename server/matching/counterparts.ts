import { TRPCError } from "@trpc/server";
import { and, eq, gt, gte, inArray, lt, lte, notInArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/create";
import { organisations, postings, postingSpecialties, regions, schoolSpecialties, specialties, specialtyIndustryMap, studentProfiles, users } from "../../db/schema";
import { enterprisePostingKinds, type EducationLevel } from "../../db/schema-enums";
import { onEngine } from "../../db/sql";
import { checkStudentEligibility, type PostingFacts } from "../compliance/application";
import { explainReasons, findPostings, openPostingCounts } from "../search/search-postings";
import { divisionsOf, industryMapRows, regionRef, regionRefOf, regionRefs, stageOf, type IndustryMapRows } from "./profile";
import { kindPoints, neighbouringProvinces, regionReason, scoreMatch, weights, type MatchCandidate, type MatchProfile, type Reason, type RegionRef, type SpecialtyRef, type Stage } from "./score";
import { pushTo } from "../../db/collections";
import { chinaDateOf } from "../schemas/accounts";
import { visibleProfileOf } from "../students/visibility";
import { MessageError } from "../trpc";

async function specialtyRefs(db: Db, codes: string[]): Promise<SpecialtyRef[]> {
  if (codes.length === 0) return [];
  const rows = await db.select({ code: specialties.code, domainCode: specialties.domainCode }).from(specialties).where(inArray(specialties.code, codes));
  return rows.map((r) => ({ code: r.code, classDomain: r.domainCode, groupDomain: r.domainCode.slice(0, 2) }));
}

/** The industry map rows read beside specialties (a left join: a class with no row maps to nothing). */
function industryMapOf(rows: { domainCode: string; primaryDivisions: string[] | null; relatedDivisions: string[] | null }[]): IndustryMapRows {
  return new Map(rows.flatMap((r) => (r.primaryDivisions ? [[r.domainCode, { primaryDivisions: r.primaryDivisions, relatedDivisions: r.relatedDivisions ?? [] }] as const] : [])));
}

/** Specialties with their classes' industry map rows, as profileFrom reads them (one query: a round trip each counts on PostgreSQL). */
const specialtyWithMap = { code: specialties.code, domainCode: specialties.domainCode, primaryDivisions: specialtyIndustryMap.primaryDivisions, relatedDivisions: specialtyIndustryMap.relatedDivisions };
type SpecialtyWithMap = { code: string; domainCode: string; primaryDivisions: string[] | null; relatedDivisions: string[] | null };

/** A profile from a set of specialties and a place: what a posting, a school or an enterprise looks for. */
export async function profileOf(db: Db, specialtyCodes: string[], regionCode: string, ownDivision?: string | null): Promise<MatchProfile> {
  const [rows, region] = await Promise.all([
    specialtyCodes.length
      ? db.select(specialtyWithMap).from(specialties).leftJoin(specialtyIndustryMap, eq(specialtyIndustryMap.domainCode, specialties.domainCode)).where(inArray(specialties.code, specialtyCodes))
      : [],
    regionRef(db, regionCode),
  ]);
  return profileFrom(rows, region, ownDivision);
}

function profileFrom(rows: SpecialtyWithMap[], region: RegionRef | null, ownDivision?: string | null): MatchProfile {
  const specs = rows.map((r) => ({ code: r.code, classDomain: r.domainCode, groupDomain: r.domainCode.slice(0, 2) }));
  const divisions = divisionsOf(industryMapOf(rows), specs.map((s) => s.classDomain));
  if (ownDivision) divisions.primary.add(ownDivision);
  return { specialties: specs, region, preferredRegions: [], primaryDivisions: divisions.primary, relatedDivisions: divisions.related };
}

/**
 * For one of an organisation's postings, its counterparts. An enterprise posting gets the schools'
 * programme cohorts that fit it and the students who let enterprises find them (leaving out those the
 * rules bar from the post: first year, age 16, work forbidden to minors); a school's cohort or training base gets the enterprise postings that fit.
 */
export async function matchForPosting(db: Db, organisationId: string, postingId: string, now = Date.now()) {
  // Everything the profile needs in one round trip (on PostgreSQL each read is one): the posting with its region,
  // its specialties with their classes' industry map rows, and the catalogue of its specialty groups (its students'
  // possible specialties, needed for an enterprise's posting only). What the last two return is used only once
  // the posting is found to be this organisation's and published.
  const ofPosting = db.select({ group: sql<string>`substr(${postingSpecialties.classDomain}, 1, 2)` }).from(postingSpecialties).where(eq(postingSpecialties.postingId, postingId));
  const [[mine], specialtyRows, catalogueRows] = await Promise.all([
    db
      .select({ posting: postings, region: { code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode } })
      .from(postings)
      .leftJoin(regions, eq(regions.code, postings.regionCode))
      .where(and(eq(postings.id, postingId), eq(postings.organisationId, organisationId)))
      .limit(1),
    db
      .select(specialtyWithMap)
      .from(postingSpecialties)
      .innerJoin(specialties, eq(specialties.code, postingSpecialties.specialtyCode))
      .leftJoin(specialtyIndustryMap, eq(specialtyIndustryMap.domainCode, specialties.domainCode))
      .where(eq(postingSpecialties.postingId, postingId)),
    groupsCatalogue(db, ofPosting),
  ]);
  if (!mine) throw new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });
  const posting = mine.posting;
  // Matches only from published postings: a draft (or a rejected or withdrawn posting) could otherwise be
  // re-aimed at any specialty to harvest students, as issue 13 showed.
  if (posting.status !== "published") throw new MessageError("BAD_REQUEST", "errors.matchPostingNotPublished");
  const isEnterprisePosting = (enterprisePostingKinds as readonly string[]).includes(posting.kind);
  const profile = profileFrom(specialtyRows, mine.region ? regionRefOf(mine.region) : null);
  const catalogue = isEnterprisePosting ? catalogueRows : null;

  // The counterpart postings and the students are independent reads: side by side.
  const [found, top] = await Promise.all([
    findPostings(db, {
      filters: { kinds: isEnterprisePosting ? ["programme_cohort"] : [...enterprisePostingKinds] },
      sort: "relevance",
      profile,
      limit: 10,
      now,
      counts: false,
    }),
    catalogue ? visibleStudentsFor(db, posting, profile, catalogue, now) : null,
  ]);
  const matches = found.items.filter((i) => i.organisationId !== organisationId);
  if (!top) return { postings: matches, students: [] };

  const explained = await explainReasons(db, top.map((s) => s.reasons), (code) => top.find((s) => s.specialtyCode === code)?.specialtyName);
  return { postings: matches, students: top.map(({ reasons: _reasons, ...s }, i) => ({ ...s, explanation: explained[i] ?? [] })) };
}

/**
 * The catalogue's specialties in these groups, each with its class's industry map row (one query): the
 * specialties a posting's students may have, since students outside its groups are barred by the rules
 * (compliance checkSpecialtyGroup).
 */
function groupsCatalogue(db: Db, groups: SQLWrapper) {
  return db
    .select({ ...specialtyWithMap, educationLevel: specialties.educationLevel })
    .from(specialties)
    .leftJoin(specialtyIndustryMap, eq(specialtyIndustryMap.domainCode, specialties.domainCode))
    .where(inArray(sql`substr(${specialties.domainCode}, 1, 2)`, groups));
}

/**
 * The order of a posting's students: score, then among equal scores the one who fits where it matters most to a
 * host and a school: nearer (the region points: the student's own preferred region, then their school's tier),
 * then a kind that suits their year (the kind points), then the closer specialty (the specialty points), then a
 * student who named no other region before one whose stated preferences lie elsewhere; the user id last, only
 * between students alike in all of these. Higher first, as a list compared element by element.
 */
export function studentTieKey(match: { score: number; reasons: readonly Reason[] }, preferredRegions: readonly string[]): number[] {
  const points = (criterion: Reason["criterion"]) => match.reasons.find((r) => r.criterion === criterion)?.points ?? 0;
  const wantsHere = preferredRegions.length === 0 || match.reasons.some((r) => r.criterion === "region" && r.tier === "preferred");
  return [Math.round(match.score * 10), points("region"), points("kind"), points("specialty"), wantsHere ? 1 : 0];
}

/** Compares tie keys (higher first), then ids (lower first). */
export function byKeyThenId(a: { key: readonly number[]; id: string }, b: { key: readonly number[]; id: string }): number {
  for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i]! - a.key[i]!;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Up to this many visible students in a posting's specialty groups are scored whole from a light read; more are
 * walked best first (below). Both give the same ten: tests set it to 0 to walk every time.
 */
export const counterpartTuning = { scoreWholeUpTo: 5_000 };

/**
 * The ten visible students who fit a posting best, scored as each of them would score the posting (the same
 * scoreMatch as their recommendations, without the posting's freshness and seats, which are the same for all):
 * specialty and industry (by specialty code), region (one of their preferred regions, else their school's tier)
 * and kind for their stage (by level and enrolment year). Every student falls in exactly one combination of
 * (specialty code group, stage, region class), whose points are their score and tie key (studentTieKey), so the
 * combinations are visited best first, equal keys together in user order, until ten students whom the rules
 * allow are found: the order of scoring every visible student (studentTieKey), without doing so.
 */
async function visibleStudentsFor(
  db: Db,
  posting: Pick<typeof postings.$inferSelect, "kind" | "status" | "applyBy" | "startDate" | "quantity" | "details" | "industryDivision">,
  profile: MatchProfile,
  catalogue: Awaited<ReturnType<typeof groupsCatalogue>>,
  now: number,
) {
  const wanted = 10;
  const today = chinaDateOf(now);
  const groups = new Set(profile.specialties.map((s) => s.groupDomain));
  const industryMap = industryMapOf(catalogue);
  const divisionsOfClass = (domain: string) => divisionsOf(industryMap, [domain]);
  // A student's view of the posting: their specialty, school region, preferences and stage against it.
  const candidate: MatchCandidate = { specialties: profile.specialties, region: profile.region ?? { county: "", city: "", province: "" }, industryDivision: posting.industryDivision, kind: posting.kind, publishedAt: null, openSeats: null };
  const studentProfile = (s: { specialtyCode: string; domainCode: string; educationLevel: EducationLevel; enrolmentYear: number; preferredRegions: string[]; region: RegionRef | null }): MatchProfile => {
    const divisions = divisionsOfClass(s.domainCode);
    return {
      specialties: [{ code: s.specialtyCode, classDomain: s.domainCode, groupDomain: s.domainCode.slice(0, 2) }],
      region: s.region,
      preferredRegions: s.preferredRegions,
      primaryDivisions: divisions.primary,
      relatedDivisions: divisions.related,
      stage: stageOf(s.enrolmentYear, s.educationLevel, today),
    };
  };
  // Specialty and industry points by code (a student with no region and no stage scores exactly these), with the
  // specialty points apart for the tie key.
  const codesByPoints = new Map<string, { points: number; specialty: number; level: EducationLevel; codes: string[] }>();
  for (const c of catalogue) {
    const match = scoreMatch({ ...studentProfile({ specialtyCode: c.code, domainCode: c.domainCode, educationLevel: c.educationLevel, enrolmentYear: 0, preferredRegions: [], region: null }), stage: null }, candidate, now);
    const points = match.score;
    const specialty = match.reasons.find((r) => r.criterion === "specialty")?.points ?? 0;
    const key = `${points}/${specialty}/${c.educationLevel}`;
    const entry = codesByPoints.get(key) ?? { points, specialty, level: c.educationLevel, codes: [] };
    entry.codes.push(c.code);
    codesByPoints.set(key, entry);
  }
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
  // The same rules as applying (first year, age 16, work forbidden to minors, apprentices under 16): nobody is
  // shown to a host who could not take the post.
  const allowed = (c: { enrolmentYear: number; birthDate: string; domainCode: string }) => checkStudentEligibility(facts, { enrolmentYear: c.enrolmentYear, birthDate: c.birthDate, specialtyGroup: c.domainCode.slice(0, 2) }).length === 0;
  const detailsOf = (where: SQL | undefined) =>
    db
      .select({ userId: users.id, name: users.name, specialtyCode: studentProfiles.specialtyCode, specialtyName: specialties.name, domainCode: specialties.domainCode, educationLevel: specialties.educationLevel, enrolmentYear: studentProfiles.enrolmentYear, birthDate: studentProfiles.birthDate, schoolId: studentProfiles.schoolId, schoolName: organisations.name, schoolRegion: organisations.regionCode, schoolCity: regions.cityCode, schoolProvince: regions.provinceCode, preferredRegions: studentProfiles.preferredRegions, skills: studentProfiles.skills, certificates: studentProfiles.certificates, bio: studentProfiles.bio })
      .from(studentProfiles)
      .innerJoin(users, eq(users.id, studentProfiles.userId))
      .innerJoin(specialties, eq(specialties.code, studentProfiles.specialtyCode))
      .innerJoin(organisations, eq(organisations.id, studentProfiles.schoolId))
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      // Only student_profiles columns here: SQLite settles the filter from the index before any join.
      .where(where);
  type Details = Awaited<ReturnType<typeof detailsOf>>[number];
  const shown = (c: Details) => {
    const match = scoreMatch(studentProfile({ ...c, region: regionRefOf({ code: c.schoolRegion, cityCode: c.schoolCity, provinceCode: c.schoolProvince }) }), candidate, now);
    // Only what a visible profile shows (server/students/visibility.ts): no full name, birth date or contact details.
    return { ...visibleProfileOf(c), score: match.score, reasons: match.reasons };
  };

  // Few enough to score whole: one light read of them all, scored here, and the ten read in full. On PostgreSQL
  // each walked combination below costs a round trip and a plan (~1–2 ms), and a sparse posting visits dozens.
  const domainOf = new Map(catalogue.map((c) => [c.code, c]));
  const light = await db
    .select({ userId: studentProfiles.userId, specialtyCode: studentProfiles.specialtyCode, enrolmentYear: studentProfiles.enrolmentYear, birthDate: studentProfiles.birthDate, preferredRegions: studentProfiles.preferredRegions, county: regions.code, city: regions.cityCode, province: regions.provinceCode })
    .from(studentProfiles)
    .leftJoin(regions, eq(regions.code, studentProfiles.schoolRegionCode))
    .where(and(eq(studentProfiles.visibleToEnterprises, true), inArray(studentProfiles.specialtyCode, [...domainOf.keys()])))
    .limit(counterpartTuning.scoreWholeUpTo + 1);
  if (light.length <= counterpartTuning.scoreWholeUpTo) {
    const ranked = light
      .flatMap((c) => {
        const spec = domainOf.get(c.specialtyCode)!;
        if (!allowed({ ...c, domainCode: spec.domainCode })) return [];
        const region = c.county && c.province ? regionRefOf({ code: c.county, cityCode: c.city, provinceCode: c.province }) : null;
        const match = scoreMatch(studentProfile({ ...c, domainCode: spec.domainCode, educationLevel: spec.educationLevel, region }), candidate, now);
        // The walk's order: score and tie key (as it groups combinations), then user id.
        return [{ key: studentTieKey(match, c.preferredRegions), id: c.userId }];
      })
      .sort(byKeyThenId)
      .slice(0, wanted);
    const details = new Map((ranked.length ? await detailsOf(inArray(studentProfiles.userId, ranked.map((r) => r.id))) : []).map((c) => [c.userId, c]));
    return ranked.flatMap((r) => (details.has(r.id) ? [shown(details.get(r.id)!)] : []));
  }

  // Enrolment years by stage for a level, from stageOf itself: year one from `first` on, the final year up to `last`.
  const yearsOf = (level: EducationLevel) => {
    const thisYear = Number(today.slice(0, 4));
    let first = thisYear + 1;
    while (stageOf(first - 1, level, today) === "first") first--;
    let last = first - 1;
    while (stageOf(last, level, today) !== "final") last--;
    return [
      { stage: "first" as Stage, where: gte(studentProfiles.enrolmentYear, first) },
      { stage: "middle" as Stage, where: and(gt(studentProfiles.enrolmentYear, last), lt(studentProfiles.enrolmentYear, first)) },
      { stage: "final" as Stage, where: lte(studentProfiles.enrolmentYear, last) },
    ];
  };
  // Region classes: one of the student's preferred regions names the posting's place (any level), else their school's tier.
  const mine = profile.region;
  const placeCodes = mine ? [mine.county, mine.city, mine.province] : [];
  const prefers = placeCodes.length
    ? onEngine(db, {
        sqlite: sql`exists (select 1 from json_each(${studentProfiles.preferredRegions}) where value in (${sql.join(placeCodes.map((c) => sql`${c}`), sql`, `)}))`,
        postgres: sql`jsonb_exists_any(${studentProfiles.preferredRegions}, array[${sql.join(placeCodes.map((c) => sql`${c}`), sql`, `)}]::text[])`,
      })
    : sql`1 = 0`;
  // Among the others, one who named no region comes before one whose preferences lie elsewhere (studentTieKey).
  const namesNone = onEngine(db, { sqlite: sql`json_array_length(${studentProfiles.preferredRegions}) = 0`, postgres: sql`jsonb_array_length(${studentProfiles.preferredRegions}) = 0` });
  const places: { points: number; wantsHere: number; where: SQL | undefined }[] = [{ points: weights.region.preferred, wantsHere: 1, where: prefers }];
  const elsewhere = (points: number, where: SQL | undefined) =>
    places.push({ points, wantsHere: 1, where: and(where, namesNone) }, { points, wantsHere: 0, where: and(where, sql`not ${namesNone}`) });
  if (mine) {
    // School tiers (regionReason, as in the score) as lists of the counties of the posting's province and the provinces bordering it.
    const nearby = await db.select({ code: regions.code, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions).where(inArray(regions.provinceCode, [mine.province, ...neighbouringProvinces(mine.province)]));
    const byPoints = new Map<number, string[]>();
    for (const r of nearby) pushTo(byPoints, regionReason(profile, regionRefOf(r))?.points ?? 0, r.code);
    for (const [points, counties] of byPoints) elsewhere(points, and(sql`not ${prefers}`, inArray(studentProfiles.schoolRegionCode, counties)));
    elsewhere(0, and(sql`not ${prefers}`, notInArray(studentProfiles.schoolRegionCode, nearby.map((r) => r.code))));
  } else {
    elsewhere(0, sql`not ${prefers}`);
  }
  // Combinations with the same score and tie key (studentTieKey) are asked together, so their students keep user
  // order among themselves.
  const byKey = new Map<string, { key: number[]; where: SQL[] }>();
  for (const group of codesByPoints.values()) {
    for (const year of yearsOf(group.level)) {
      const kind = kindPoints(year.stage, posting.kind);
      for (const place of places) {
        const key = [Math.round((group.points + kind + place.points) * 10), place.points, kind, group.specialty, place.wantsHere];
        const entry = byKey.get(key.join("/")) ?? { key, where: [] };
        entry.where.push(and(inArray(studentProfiles.specialtyCode, group.codes), year.where, place.where)!);
        byKey.set(key.join("/"), entry);
      }
    }
  }
  const combinations = [...byKey.values()].sort((a, b) => byKeyThenId({ key: a.key, id: "" }, { key: b.key, id: "" })).map((c) => ({ where: or(...c.where) }));
  const found = [];
  const batch = 50;
  for (const combination of combinations) {
    // In batches by user id (keyset): most combinations settle within the first batch.
    for (let after = ""; found.length < wanted; ) {
      const rows = await detailsOf(and(eq(studentProfiles.visibleToEnterprises, true), after ? gt(studentProfiles.userId, after) : undefined, combination.where))
        .orderBy(studentProfiles.userId)
        .limit(batch);
      for (const c of rows) {
        if (!allowed(c)) continue;
        found.push(shown(c));
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

  // An enterprise: what it asks for is the specialties of its open postings; place between organisations takes
  // the cooperation steps (a school nearby matters more to an enterprise than to a student's choice).
  const postingRows = await db.select({ rowid: postings.id }).from(postings).where(and(eq(postings.organisationId, organisationId), eq(postings.status, "published")));
  const codes = postingRows.length
    ? (await db.selectDistinct({ code: postingSpecialties.specialtyCode }).from(postingSpecialties).where(inArray(postingSpecialties.postingId, postingRows.map((p) => p.rowid)))).map((r) => r.code)
    : [];
  const profile = { ...(await profileOf(db, codes, org.regionCode, org.industryCode?.slice(0, 2))), regionWeights: weights.cooperationRegion };
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
    const points = (criterion: Reason["criterion"]) => match.reasons.find((r) => r.criterion === criterion)?.points ?? 0;
    // Programmes of the same 专业 or 专业类 as one the enterprise asks for: how many cohorts it could draw on.
    const fitting = specs.filter((s) => profile.specialties.some((p) => p.classDomain === s.classDomain)).length;
    // Equal scores: nearer first, then the closer specialty, then more fitting programmes; the id only between
    // schools alike in all of these.
    scored.push({ organisationId: school.id, name: school.name, score: match.score, reasons: match.reasons, key: [Math.round(match.score * 10), points("region"), points("specialty"), fitting], id: school.id });
  }
  scored.sort(byKeyThenId);
  const top = scored.slice(0, 10);
  const names = new Map((await db.select({ code: specialties.code, name: specialties.name }).from(specialties).where(inArray(specialties.code, codes))).map((r) => [r.code, r.name]));
  const explained = await explainReasons(db, top.map((s) => s.reasons), (code) => names.get(code));
  return top.map(({ reasons: _reasons, key: _key, id: _id, ...s }, i) => ({ ...s, explanation: explained[i] ?? [], bestPosting: null, postings: 0 }));
}

