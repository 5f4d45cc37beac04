import { eq, inArray } from "drizzle-orm";
import { checkPosting } from "../../server/compliance/posting";
import { checkHostInternCap } from "../../server/compliance/rules";
import { postingInput } from "../../server/schemas/postings";
import type { Db, SqliteDb } from "../../db/create";
import { createRandom } from "../../db/random";
import { industries, organisations, postings, postingSpecialties, regions, schoolSpecialties, specialties, specialtyIndustryMap, type PostingKind, type PostingStatus } from "../../db/schema";
import { pushTo } from "../../db/collections";
import { isPostgres, withTransaction } from "../../db/transaction";
import { sqlitePostingWriter } from "../sqlite/write-postings";
import { industryOfClass } from "../../server/admin/specialty-map";
import { postingText, specialtyFitsRegion } from "./texts";

/** An organisation's name as people say it: without its city and legal form (广州华信软件股份有限公司 → 华信软件). */
export function shortNameOf(name: string, city: string): string {
  const short = name.replace(new RegExp(`^${city}(市)?`), "").replace(/(股份)?有限(责任)?公司$/, "");
  return short.length >= 2 ? short : name;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** YYYY-MM-DD that the dates are relative to, so the same seed gives the same data set. */
  today: string;
  /** Share of postings left in review or as drafts, for a realistic review queue. */
  unpublishedShare?: number;
  /** Intern seats already promised per host (organisation id), kept free under its cap. */
  reservedInterns?: ReadonlyMap<string, number>;
}

/** One generated posting and the specialties it asks for, as the engines' writers take it. */
export interface GeneratedPosting {
  id: string;
  organisationId: string;
  kind: PostingKind;
  status: PostingStatus;
  title: string;
  description: string;
  regionCode: string;
  provinceCode: string;
  cityCode: string;
  address: string;
  industryCode: string;
  industryDivision: string;
  quantity: number;
  monthlyPay: number | null;
  startDate: string;
  endDate: string;
  applyBy: string;
  contactName: string;
  contactPhone: string;
  details: Record<string, unknown>;
  submittedAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  specialties: { code: string; classDomain: string; groupDomain: string }[];
}

/** Writes one batch of generated postings, inside the generator's transaction. */
export type PostingWriter = (batch: GeneratedPosting[]) => Promise<void> | void;

/** Postings per batch: 500 rows × 24 columns stays far below PostgreSQL's 65,535 parameters per statement. */
const batchSize = 500;

/**
 * PostgreSQL: multi-row inserts through drizzle, a batch per statement. There is no search table to fill:
 * the GIN index on the postings' bigrams follows the rows, and postings.rowid is the database's. (COPY FROM
 * STDIN was tried: no faster on a busy 2-core machine, 10,000 postings in about 3 s either way.)
 */
function portablePostingWriter(tx: Db): PostingWriter {
  return async (batch) => {
    await tx.insert(postings).values(batch.map(({ specialties: _specialties, ...row }) => ({ ...row, updatedAt: row.createdAt })));
    const wanted = batch.flatMap((p) => p.specialties.map((m) => ({ postingId: p.id, specialtyCode: m.code, classDomain: m.classDomain, groupDomain: m.groupDomain })));
    if (wanted.length) await tx.insert(postingSpecialties).values(wanted).onConflictDoNothing();
  };
}

/** A YYYY-MM-DD date some days later (or earlier, when negative). */
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const enterpriseKindWeights: [PostingKind, number][] = [
  ["placement_internship", 50],
  ["apprenticeship", 14],
  ["order_class", 10],
  ["observation_visit", 10],
  ["enterprise_training_base", 6],
  ["technical_need", 5],
  ["mentor_offer", 5],
];
const schoolKindWeights: [PostingKind, number][] = [
  ["programme_cohort", 70],
  ["school_training_base", 20],
  ["training_service", 10],
];

/**
 * Generates `count` realistic postings for the verified organisations already in the database, in one
 * transaction, deterministic for a seed. Specialties follow the specialty→industry map, so a software
 * company asks for computing students and a hospital for nursing ones. Every generated posting passes
 * the zod schema and the internship rules, checked here on a sample. Rows are made and written in
 * batches (memory stays flat at a million postings): on SQLite through prepared statements with the FTS5
 * row beside each posting (scripts/sqlite/write-postings.ts), on PostgreSQL as multi-row inserts.
 */
export async function generatePostings(db: Db, options: GenerateOptions): Promise<number> {
  const random = createRandom(options.seed ?? 4754);
  const weighted = (table: [PostingKind, number][]) => {
    const total = table.reduce((a, [, w]) => a + w, 0);
    let r = random.next() * total;
    for (const [k, w] of table) if ((r -= w) < 0) return k;
    return table[0]![0];
  };

  const orgs = await db
    .select({ id: organisations.id, kind: organisations.kind, regionCode: organisations.regionCode, industryCode: organisations.industryCode, staffCount: organisations.staffCount, contactName: organisations.contactName, contactPhone: organisations.contactPhone, address: organisations.address, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.verificationStatus, "verified"));
  if (orgs.length === 0) return 0;
  const regionRows = await db.select({ code: regions.code, name: regions.name, kind: regions.kind, cityCode: regions.cityCode, provinceCode: regions.provinceCode }).from(regions);
  const regionByCode = new Map(regionRows.map((r) => [r.code, r]));
  const majors = await db.select({ code: specialties.code, name: specialties.name, domainCode: specialties.domainCode, educationLevel: specialties.educationLevel }).from(specialties).where(eq(specialties.level, "major"));
  const majorsByClass = new Map<string, typeof majors>();
  for (const m of majors) if (m.educationLevel === "higher_vocational" || m.educationLevel === "secondary") pushTo(majorsByClass, m.domainCode, m);
  const map = await db.select().from(specialtyIndustryMap);
  const classesForDivision = new Map<string, string[]>();
  for (const row of map) for (const d of row.primaryDivisions) pushTo(classesForDivision, d, row.domainCode);
  const divisionNames = new Map((await db.select({ code: industries.code, name: industries.name }).from(industries).where(eq(industries.level, "division"))).map((d) => [d.code, d.name]));
  const schoolMajors = new Map<string, string[]>();
  for (const s of await db.select().from(schoolSpecialties).where(inArray(schoolSpecialties.organisationId, orgs.filter((o) => o.kind === "school").map((o) => o.id)))) {
    pushTo(schoolMajors, s.organisationId, s.specialtyCode);
  }
  const majorByCode = new Map(majors.map((m) => [m.code, m]));
  // A school's posting is filed under the industry its students go into, as the posting form fills it in.
  const divisionOfClass = new Map(map.map((m) => [m.domainCode, industryOfClass(m.primaryDivisions, m.relatedDivisions)]));

  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const unpublished = options.unpublishedShare ?? 0.05;

  const internsByHost = new Map<string, number>();
  const shortNames = new Map<string, string>();
  await withTransaction(db, async (tx) => {
    const write = isPostgres(tx) ? portablePostingWriter(tx) : sqlitePostingWriter(tx as unknown as SqliteDb);
    let batch: GeneratedPosting[] = [];
    for (let i = 0; i < options.count; i++) {
      const org = orgs[random.int(0, orgs.length - 1)]!;
      let kind = weighted(org.kind === "enterprise" ? enterpriseKindWeights : schoolKindWeights);
      const staff = org.staffCount ?? 200;
      // A host at its intern cap (the rule: at most 10% of staff) offers an observation visit instead.
      const interns = internsByHost.get(org.id) ?? options.reservedInterns?.get(org.id) ?? 0;
      if (kind === "placement_internship" && checkHostInternCap(interns + 1, staff)) kind = "observation_visit";
      const region = regionByCode.get(org.regionCode)!;
      let industryCode: string;
      let chosen: typeof majors;
      if (org.kind === "enterprise") {
        industryCode = org.industryCode ?? "6513";
        const classes = classesForDivision.get(industryCode.slice(0, 2)) ?? ["1102"];
        // Specialties of the host's own industry (the map's primary classes), none foreign to its region.
        const pool = classes.flatMap((c) => majorsByClass.get(c) ?? []).filter((m) => specialtyFitsRegion(m.name, region.provinceCode));
        chosen = random.sample(pool.length ? pool : majors, random.int(1, 3));
      } else {
        const own = (schoolMajors.get(org.id) ?? []).map((c) => majorByCode.get(c)!).filter(Boolean);
        chosen = random.sample(own.length ? own : majors, 1);
        industryCode = divisionOfClass.get(chosen[0]!.domainCode) ?? org.industryCode ?? "8341";
      }
      const publishedMs = todayMs - random.int(0, 120) * 86_400_000 - random.int(0, 86_399_999);
      const applyBy = addDays(options.today, random.int(-20, 90));
      const startDate = addDays(applyBy, random.int(7, 30));
      const durationMonths = random.pick([3, 4, 6, 6, 6]);
      const endDate = addDays(startDate, durationMonths * 30);
      const industryName = divisionNames.get(industryCode.slice(0, 2)) ?? "";
      let quantity = kind === "placement_internship" ? Math.max(1, Math.min(random.int(1, 12), Math.floor(staff / 40))) : kind === "order_class" || kind === "programme_cohort" ? random.int(20, 50) : random.int(1, 30);
      if (kind === "placement_internship") {
        while (checkHostInternCap(interns + quantity, staff)) quantity--;
        internsByHost.set(org.id, interns + quantity);
      }
      const sameWage = random.int(30, 90) * 100;
      const year = Number(options.today.slice(0, 4));
      const details = detailsFor(kind, random, { sameWage, quantity, year });
      // Municipalities (北京, 重庆) list districts under a placeholder 市辖区: name them by the province.
      const cityRow = regionByCode.get(region.cityCode ?? "");
      const city = (cityRow?.kind === "placeholder" ? regionByCode.get(region.provinceCode)?.name : cityRow?.name ?? region.name)!.replace(/市$/, "");
      const text = postingText(
        {
          kind,
          // A school goes by its full name (深圳第一职业高级中学), an enterprise by its brand (华信软件).
          shortName: org.kind === "school" ? org.name : (shortNames.get(org.id) ?? shortNames.set(org.id, shortNameOf(org.name, city)).get(org.id)!),
          orgName: org.name,
          city,
          industryName,
          specialties: chosen.map((m) => m.name),
          quantity,
          cohortYear: kind === "order_class" ? (details.intakeYear as number) : kind === "programme_cohort" ? (details.graduationYear as number) : year,
          startDate,
          durationMonths,
          details,
        },
        random,
      );
      const roll = random.next();
      const status: PostingStatus = roll < unpublished * 0.6 ? "submitted" : roll < unpublished ? "draft" : "published";
      const posting: GeneratedPosting = {
        id: crypto.randomUUID(),
        organisationId: org.id,
        kind,
        status,
        title: text.title,
        description: text.description,
        regionCode: org.regionCode,
        provinceCode: region.provinceCode,
        cityCode: region.cityCode ?? region.code,
        address: org.address,
        industryCode,
        industryDivision: industryCode.slice(0, 2),
        quantity,
        monthlyPay: "monthlyPay" in details ? (details.monthlyPay as number) : null,
        startDate,
        endDate,
        applyBy,
        contactName: org.contactName || "招聘负责人",
        contactPhone: org.contactPhone || "020-12345678",
        details,
        submittedAt: status === "draft" ? null : new Date(publishedMs - 86_400_000),
        publishedAt: status === "published" ? new Date(publishedMs) : null,
        createdAt: new Date(publishedMs - 2 * 86_400_000),
        specialties: chosen.map((m) => ({ code: m.code, classDomain: m.domainCode, groupDomain: m.domainCode.slice(0, 2) })),
      };
      // Keep the generator honest: a sample of what it writes must pass the schema and the rules.
      if (i % 997 === 0) assertValid(posting, chosen.map((m) => m.code), { staffCount: org.staffCount, industryCode: org.industryCode });
      batch.push(posting);
      if (batch.length === batchSize) {
        await write(batch);
        batch = [];
      }
    }
    if (batch.length) await write(batch);
  });
  return options.count;
}

/** 职业危害与防护 as hosts write it (required for placement internships). */
const hazardTexts = [
  "长时间使用电脑：每小时休息 10 分钟，配备护眼显示器与人体工学座椅。",
  "车间噪声与机械伤害：岗前安全培训，配发耳塞、防护手套和安全鞋，设备有安全防护罩。",
  "久站与重复操作：工间休息与岗位轮换，配发防护用品，导师全程指导。",
];

function detailsFor(kind: PostingKind, random: ReturnType<typeof createRandom>, ctx: { sameWage: number; quantity: number; year: number }): Record<string, unknown> {
  switch (kind) {
    case "placement_internship":
      return {
        monthlyPay: Math.ceil((ctx.sameWage * random.int(80, 100)) / 100 / 100) * 100,
        sameWage: ctx.sameWage,
        payFrequency: "monthly",
        feesToStudents: 0,
        withholdsIdDocuments: false,
        dailyHours: 8,
        weeklyDays: 5,
        nightShifts: false,
        overtime: false,
        holidayWork: false,
        riskKinds: [],
        highRisk: false,
        exceptionFiled: false,
        exceptionReference: "",
        exceptionFiledOn: "",
        labourIntensity: random.pick(["I", "II"]),
        hazards: random.pick(hazardTexts),
        // Some assembly-line posts involve work forbidden to minors (《未成年工特殊保护规定》第三条（十六）).
        ...(random.next() < 0.1 ? { minorForbiddenWork: ["forcedPosture"], forbiddenForMinors: true } : { minorForbiddenWork: [], forbiddenForMinors: false }),
        liabilityInsurance: true,
        insurancePaidBy: random.pick(["host", "school"]),
        postStaffCount: ctx.quantity * random.int(5, 12),
      };
    case "observation_visit":
      return { agenda: "参观生产一线，听取工程师讲解岗位要求", safetyArrangements: "安全培训后进入，全程专人带队", feesToStudents: 0 };
    case "apprenticeship":
      return { monthlyPay: random.int(35, 70) * 100, apprenticesPerMaster: random.int(1, 3), certificate: "职业技能等级证书（中级）", termMonths: random.pick([12, 24, 36]), feesToStudents: 0 };
    case "order_class":
      return { intakeYear: ctx.year + 1, trainingPlan: "企业参与制订培养方案，第三学年进入企业学习", hiringCommitment: Math.floor(ctx.quantity * 0.8), costSharing: "企业承担实训耗材与奖学金，学校提供师资与场地", feesToStudents: 0 };
    case "enterprise_training_base":
    case "school_training_base":
      return { direction: kind === "school_training_base" ? "in_school" : random.pick(["in_enterprise", "shared"]), equipment: "生产性实训设备与工位", openPeriods: "每学期第 8–16 周" };
    case "technical_need":
      return { budget: random.int(5, 100) * 10000, deliverables: "工艺流程优化与技术方案" };
    case "mentor_offer":
      return { expertise: "十年以上一线生产与技术管理经验", hoursPerWeek: random.int(2, 8) };
    case "programme_cohort":
      return { graduationYear: ctx.year + 1, skills: "掌握专业核心技能，持有相关职业技能等级证书" };
    case "training_service":
      return { serviceType: "企业职工技能提升培训", price: random.int(1, 20) * 1000 };
  }
}

function assertValid(p: GeneratedPosting, specialtyCodes: string[], host: { staffCount: number | null; industryCode: string | null }) {
  // As a form would send it: plain JSON, without the generator's extra fields.
  const { specialties: _specialties, submittedAt: _submitted, publishedAt: _published, createdAt: _created, ...fields } = p;
  const parsed = postingInput.safeParse({ ...(JSON.parse(JSON.stringify(fields)) as object), specialtyCodes });
  if (!parsed.success) throw new Error(`generated posting fails its schema: ${JSON.stringify(parsed.error.issues)}`);
  const violations = checkPosting(parsed.data, { ...host, otherInternSeats: 0 }).filter((v) => v.severity === "error");
  if (violations.length) throw new Error(`generated posting breaks the rules: ${violations.map((v) => v.en).join("; ")}`);
}

