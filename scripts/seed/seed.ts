import { and, count, eq, inArray } from "drizzle-orm";
import { usccCheckCharacter } from "../../server/accounts/uscc";
import { hashPassword } from "../../server/accounts/password";
import { newInvitationCode } from "../../server/organisations/manage";
import { todayInChina } from "../../server/schemas/accounts";
import type { Db } from "../../db/create";
import { withTransaction } from "../../db/transaction";
import { mergePendingSearchEntries } from "../../db/bulk-load";
import { generatePostings } from "./generate";
import { specialtyFitsRegion } from "./texts";
import { schoolIndustryCode } from "../../server/admin/specialty-map";
import { seedCooperation } from "./seed-cooperation";
import { seedPostingStates } from "./seed-posting-states";
import { demoPlacementSeats, seedPlacements } from "./seed-placements";
import { createRandom } from "../../db/random";


import {
  industries,
  invitations,
  memberships,
  organisations,
  regions,
  schoolSpecialties,
  specialties,
  studentProfiles,
  users,
  type EducationLevel,
} from "../../db/schema";

/** The demo accounts printed on start; every one signs in with demoPassword. */
export const demoPassword = "Demo2026";
export const demoAccounts = [
  { role: "admin", email: "admin@demo.edubridge.cn", name: "平台管理员" },
  { role: "school", email: "school@demo.edubridge.cn", name: "王老师" },
  { role: "enterprise", email: "enterprise@demo.edubridge.cn", name: "李经理" },
  { role: "student", email: "student@demo.edubridge.cn", name: "张小明" },
] as const;
export const demoInvitationCode = "DEMO-2468";

type Random = ReturnType<typeof createRandom>;

// Cities with strong vocational education and industry, across eastern, central and western provinces.
const seedCities = ["440100", "440300", "441900", "110100", "320100", "320500", "330100", "330200", "420100", "430100", "510100", "500100", "370200", "410100", "610100", "350200"];

/** Telephone area codes of the seed cities, so a school's switchboard number fits its city. */
const areaCodes: Record<string, string> = {
  "440100": "020", "440300": "0755", "441900": "0769", "110100": "010", "320100": "025", "320500": "0512", "330100": "0571", "330200": "0574",
  "420100": "027", "430100": "0731", "510100": "028", "500100": "023", "370200": "0532", "410100": "0371", "610100": "029", "350200": "0592",
};

const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢".split("");
const givenChars = "子涵梓轩浩宇欣怡雨桐俊杰思远佳琪志强晓燕海波丽娟明辉文博婷婷家豪诗雨一鸣雅静宏伟嘉怡天佑若曦".split("");

/** Realistic enterprise profiles: GB/T 4754 小类 with a name word, none in the classes the internship rules ban. */
const enterpriseKinds: { industry: string; word: string }[] = [
  { industry: "6513", word: "软件" },
  { industry: "6511", word: "信息技术" },
  { industry: "6531", word: "信息系统集成" },
  { industry: "6450", word: "互联网科技" },
  { industry: "3670", word: "汽车零部件" },
  { industry: "3611", word: "汽车制造" },
  { industry: "3612", word: "新能源汽车" },
  { industry: "3841", word: "锂电池" },
  { industry: "3825", word: "光伏设备" },
  { industry: "3982", word: "电子电路" },
  { industry: "3973", word: "集成电路" },
  { industry: "3491", word: "工业机器人" },
  { industry: "3422", word: "数控机床" },
  { industry: "2710", word: "制药" },
  { industry: "8411", word: "医院" },
  { industry: "8514", word: "养老服务" },
  { industry: "8010", word: "家政服务" },
  { industry: "6110", word: "酒店管理" },
  { industry: "6210", word: "餐饮管理" },
  { industry: "5437", word: "物流" },
  { industry: "5920", word: "仓储物流" },
  { industry: "5292", word: "电子商务" },
  { industry: "4710", word: "建设工程" },
  { industry: "4813", word: "市政工程" },
  { industry: "4411", word: "电力" },
  { industry: "0141", word: "现代农业" },
  { industry: "1432", word: "食品" },
  { industry: "7251", word: "广告传媒" },
  { industry: "7291", word: "旅行社" },
  { industry: "5621", word: "航空服务" },
  { industry: "5331", word: "轨道交通运营" },
  { industry: "8391", word: "职业技能培训" },
];
const brandWords = ["华信", "中科", "智远", "恒通", "鼎盛", "远航", "腾跃", "博创", "联创", "精工", "瑞丰", "安康", "新程", "天启", "宏图", "嘉禾", "锦程", "卓越", "和润", "长风"];

/** Valid USCC (GB 32100-2015) for a company registered in `regionCode`: 9 (工商) 1 (企业), then a serial. */
export function makeUscc(regionCode: string, random: Random): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let serial = "";
  for (let i = 0; i < 9; i++) serial += alphabet.charAt(random.int(0, i < 8 ? 30 : 9));
  const first17 = `91${regionCode}${serial}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * School names by level, each with the specialty group (专业大类 domain) its name promises — a 卫生职业学校 runs
 * 医药卫生 specialties, a 交通职业技术学院 交通运输 ones — or null for a comprehensive school.
 */
const schoolNamePatterns: Record<EducationLevel, [string, string | null][]> = {
  secondary: [["{city}第一职业高级中学", null], ["{city}工业中等专业学校", "06"], ["{city}交通职业学校", "10"], ["{city}商贸职业学校", "13"], ["{city}卫生职业学校", "12"]],
  higher_vocational: [["{city}职业技术学院", null], ["{city}信息职业技术学院", "11"], ["{city}轻工职业技术学院", "08"], ["{city}交通职业技术学院", "10"], ["{city}卫生职业技术学院", "12"], ["{city}科技职业学院", null]],
  vocational_bachelor: [["{city}职业技术大学", null], ["{city}科技职业大学", null]],
};
/** What a school says of itself, by the group its name promises (null: comprehensive). */
const schoolDescriptions: Record<string, string> = {
  "06": "以装备制造类专业为主的职业学校，建有数控、机电和工业机器人实训中心，与区域制造企业开展订单培养。",
  "08": "以轻工纺织、包装印刷类专业为特色，校企共建生产性实训基地，毕业生主要服务区域轻工产业。",
  "10": "以交通运输类专业为特色，建有汽车检测、轨道交通和物流实训中心，与交通运输企业合作开展现代学徒制培养。",
  "11": "以电子信息类专业为主，建有软件开发、网络与云计算实训基地，与信息技术企业共建产业学院。",
  "12": "以医药卫生类专业为主，建有护理、康复和医学检验实训中心，与多家医院和养老机构合作开展岗位实习。",
  "13": "以财经商贸类专业为主，建有电子商务、现代物流和财务共享实训中心，与商贸企业合作开展订单培养。",
  none: "多学科协调发展的综合性职业院校，与区域龙头企业共建产业学院和实训基地，毕业生就业率保持在九成以上。",
};

export interface SeedOptions {
  seed?: number;
  schools?: number;
  enterprises?: number;
  students?: number;
  postings?: number;
}

export interface SeedSummary {
  postings: number;
  applications: number;
  schools: number;
  enterprises: number;
  students: number;
}

/** True when the database holds no users yet: the seeder only ever fills an empty database. */
export async function isEmpty(db: Db): Promise<boolean> {
  return ((await db.select({ n: count() }).from(users))[0]?.n ?? 0) === 0;
}

/**
 * Fills an empty database with a realistic, deterministic demo data set: schools with the specialties
 * they run, enterprises in varied industries, students with profiles, and one account per role.
 * Demo students share one password hash (hashing 2,000 passwords would take minutes); real sign-ups
 * always get their own salt.
 */
export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const { seed = 20261129, schools: schoolCount = 36, enterprises: enterpriseCount = 200, students: studentCount = 2000 } = options;
  const random = createRandom(seed);
  const sharedHash = await hashPassword(demoPassword);
  const now = new Date();

  const cities = await db.select().from(regions).where(inArray(regions.code, seedCities));
  const provinces = await db.select().from(regions).where(eq(regions.level, "province"));
  const counties = await db.select().from(regions).where(and(eq(regions.level, "county"), eq(regions.kind, "regular")));
  const countiesOf = (city: string) => {
    const list = counties.filter((c) => c.cityCode === city).map((c) => c.code);
    return list.length ? list : [city]; // 东莞 and 中山 have no counties: the city itself is the leaf
  };
  // Municipalities (北京, 重庆) list their districts under a placeholder 市辖区: name them by the province.
  const cityName = (code: string) => {
    const city = cities.find((c) => c.code === code);
    const name = city?.kind === "placeholder" ? provinces.find((p) => p.code === city.provinceCode)?.name : city?.name;
    return (name ?? "").replace(/市$/, "");
  };
  const majors = await db.select().from(specialties).where(eq(specialties.level, "major"));
  const knownIndustries = new Set((await db.select({ code: industries.code }).from(industries).where(eq(industries.level, "class"))).map((i) => i.code));

  const personName = () => random.pick(surnames) + random.pick(givenChars) + (random.next() < 0.6 ? random.pick(givenChars) : "");

  const userRows: (typeof users.$inferInsert)[] = [];
  const organisationRows: (typeof organisations.$inferInsert)[] = [];
  const membershipRows: (typeof memberships.$inferInsert)[] = [];
  const specialtyRows: (typeof schoolSpecialties.$inferInsert)[] = [];
  const invitationRows: (typeof invitations.$inferInsert)[] = [];
  const profileRows: (typeof studentProfiles.$inferInsert)[] = [];
  const demoIds: Record<string, string> = {};
  for (const account of demoAccounts) {
    const id = crypto.randomUUID();
    demoIds[account.role] = id;
    userRows.push({ id, name: account.name, email: account.email, role: account.role, passwordHash: await hashPassword(demoPassword) });
  }

  // Schools: mostly 高职, some 中职 and a few 职业本科, spread over the seed cities.
  const levelFor = (i: number): EducationLevel => (i % 9 === 4 ? "vocational_bachelor" : i % 3 === 1 ? "secondary" : "higher_vocational");
  const schoolMajors: { id: string; level: EducationLevel; majors: string[] }[] = [];
  const usedSchoolNames = new Set<string>();
  for (let i = 0; i < schoolCount; i++) {
    const city = seedCities[i % seedCities.length]!;
    const level = levelFor(i);
    const isDemo = i === 0;
    const [pattern, promisedGroup] = isDemo ? ["{city}信息职业技术学院", "11"] : random.pick(schoolNamePatterns[level]);
    let name = pattern.replace("{city}", cityName(city));
    // More schools than name patterns in a city: number the later ones (第二校区, 第三校区, …).
    const base = name;
    for (let n = 2; usedSchoolNames.has(name); n++) name = `${base}（第${n}校区）`;
    usedSchoolNames.add(name);
    const id = crypto.randomUUID();
    const status = isDemo || i % 12 !== 11 ? "verified" : "pending";
    organisationRows.push({
      id,
      kind: "school",
      name,
      schoolCode: `4${city.slice(0, 4)}${String(10000 + i).slice(-5)}`,
      schoolLevel: isDemo ? "higher_vocational" : level,
      // Schools are filed under education (GB/T 4754 section P, division 83), by their level.
      industryCode: schoolIndustryCode(isDemo ? "higher_vocational" : level),
      regionCode: random.pick(countiesOf(city)),
      address: `${cityName(city)}市教育路 ${random.int(1, 300)} 号`,
      description: schoolDescriptions[promisedGroup ?? "none"] ?? schoolDescriptions.none!,
      contactName: personName(),
      contactPhone: `${areaCodes[city] ?? "020"}-${random.int(3000_0000, 8999_9999)}`,
      verificationStatus: status,
      reviewedAt: status === "verified" ? now : null,
    });
    // A coherent set of majors: three or four specialty groups of the school's level.
    // A school teaches ethnic medicine (藏医学, 维医学, …) only in the regions of that medicine.
    const levelMajors = majors.filter((m) => m.educationLevel === (isDemo ? "higher_vocational" : level) && specialtyFitsRegion(m.name, city));
    const groups = [...new Set(levelMajors.map((m) => m.domainCode.slice(0, 2)))];
    // The group the name promises first, then two or three others.
    const core = promisedGroup && groups.includes(promisedGroup) ? [promisedGroup] : [];
    const chosenGroups = [...core, ...random.sample(groups.filter((g) => !core.includes(g)), random.int(3, 4) - core.length)];
    // Most of a specialised school's specialties are of its own group.
    const inGroup = (m: (typeof levelMajors)[number]) => chosenGroups.includes(m.domainCode.slice(0, 2));
    const coreMajors = core.length ? random.sample(levelMajors.filter((m) => m.domainCode.startsWith(core[0]!)), random.int(5, 8)) : [];
    const offered = [...coreMajors, ...random.sample(levelMajors.filter((m) => inGroup(m) && !coreMajors.includes(m) && !m.domainCode.startsWith(core[0] ?? "--")), random.int(4, 7))];
    if (isDemo) {
      const computing = levelMajors.find((m) => m.code === "510201");
      if (computing && !offered.includes(computing)) offered.unshift(computing);
    }
    schoolMajors.push({ id, level, majors: offered.map((m) => m.code) });
    for (const m of offered) specialtyRows.push({ organisationId: id, specialtyCode: m.code });
    const ownerId = isDemo ? demoIds.school! : crypto.randomUUID();
    if (!isDemo) userRows.push({ id: ownerId, name: personName(), email: `school${i}@demo.edubridge.cn`, role: "school", passwordHash: sharedHash });
    membershipRows.push({ userId: ownerId, organisationId: id, role: "owner" });
    invitationRows.push({
      organisationId: id,
      code: isDemo ? demoInvitationCode : newInvitationCode((n) => random.int(0, n - 1)),
      label: isDemo ? `${todayInChina(now).slice(0, 4)}级新生` : "",
      maxUses: 500,
      usedCount: 0,
      expiresAt: new Date(now.getTime() + 365 * 86_400_000),
      createdBy: ownerId,
    });
  }

  // Enterprises in varied industries; a few pending or rejected for the administrators' queue.
  for (let i = 0; i < enterpriseCount; i++) {
    const city = seedCities[(i * 7) % seedCities.length]!;
    const isDemo = i === 0;
    const kind = isDemo ? enterpriseKinds[0]! : enterpriseKinds[i % enterpriseKinds.length]!;
    if (!knownIndustries.has(kind.industry)) throw new Error(`Seed industry ${kind.industry} is not in GB/T 4754`);
    const county = random.pick(countiesOf(city));
    const id = crypto.randomUUID();
    const status = isDemo ? "verified" : i % 20 === 7 ? "pending" : i % 40 === 13 ? "rejected" : "verified";
    organisationRows.push({
      id,
      kind: "enterprise",
      name: `${cityName(city)}${random.pick(brandWords)}${kind.word}${random.next() < 0.5 ? "股份" : ""}有限公司`,
      uscc: makeUscc(county.length === 6 ? county : city, random),
      verificationEvidence: `营业执照：${cityName(city)}市市场监督管理局核发，可在国家企业信用信息公示系统查验。`,
      industryCode: kind.industry,
      staffCount: isDemo ? 1500 : random.pick([45, 80, 120, 260, 480, 900, 1500, 3200, 8000]),
      integrationCertified: random.next() < 0.15,
      regionCode: county,
      address: `${cityName(city)}市高新区创业路 ${random.int(1, 999)} 号`,
      description: `专注${kind.word}领域，长期与职业院校合作开展岗位实习和订单培养。`,
      contactName: personName(),
      contactPhone: `13${random.int(100000000, 999999999)}`,
      verificationStatus: status,
      rejectionReason: status === "rejected" ? "营业执照照片不清晰，请重新上传" : null,
      reviewedAt: status === "pending" ? null : now,
    });
    const ownerId = isDemo ? demoIds.enterprise! : crypto.randomUUID();
    if (!isDemo) userRows.push({ id: ownerId, name: personName(), email: `enterprise${i}@demo.edubridge.cn`, role: "enterprise", passwordHash: sharedHash });
    membershipRows.push({ userId: ownerId, organisationId: id, role: "owner" });
  }

  // Students: enrolled in the last three intakes at ages that fit their school's level.
  // China's year, as every date rule reads it (at 16:30 UTC on 31 December it is already next year there).
  const currentYear = Number(todayInChina(now).slice(0, 4));
  const entryAge: Record<EducationLevel, number> = { secondary: 15, higher_vocational: 18, vocational_bachelor: 18 };
  for (let i = 0; i < studentCount; i++) {
    const isDemo = i === 0;
    const school = schoolMajors[isDemo ? 0 : i % schoolMajors.length]!;
    const enrolmentYear = isDemo ? currentYear - 2 : currentYear - random.int(0, 2);
    const birthYear = enrolmentYear - entryAge[school.level] - (random.next() < 0.3 ? 1 : 0);
    const id = isDemo ? demoIds.student! : crypto.randomUUID();
    if (!isDemo) userRows.push({ id, name: personName(), email: `student${i}@demo.edubridge.cn`, role: "student", passwordHash: sharedHash });
    profileRows.push({
      userId: id,
      schoolId: school.id,
      specialtyCode: isDemo ? "510201" : random.pick(school.majors),
      enrolmentYear,
      birthDate: `${birthYear}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
      preferredRegions: random.next() < 0.5 ? [seedCities[random.int(0, seedCities.length - 1)]!] : [],
      visibleToEnterprises: random.next() < 0.4,
    });
  }

  // Students used their school's invitation code to join: the counts are written with the invitations.
  const joined = new Map<string, number>();
  for (const p of profileRows) joined.set(p.schoolId, (joined.get(p.schoolId) ?? 0) + 1);
  for (const inv of invitationRows) inv.usedCount = Math.min(joined.get(inv.organisationId) ?? 0, inv.maxUses);
  // Many rows per statement, in chunks small enough for either engine's parameter limit (PostgreSQL: 65,535).
  await withTransaction(db, async (tx) => {
    for (const rows of chunk(userRows)) await tx.insert(users).values(rows);
    for (const rows of chunk(organisationRows)) await tx.insert(organisations).values(rows);
    for (const rows of chunk(membershipRows)) await tx.insert(memberships).values(rows);
    for (const rows of chunk(specialtyRows)) await tx.insert(schoolSpecialties).values(rows);
    for (const rows of chunk(invitationRows)) await tx.insert(invitations).values(rows);
    for (const rows of chunk(profileRows)) await tx.insert(studentProfiles).values(rows);
  });
  const today = todayInChina(now);
  const demoEnterprise = organisationRows.find((o) => o.kind === "enterprise")!;
  const reservedInterns = new Map([[demoEnterprise.id!, Object.values(demoPlacementSeats).reduce((a, b) => a + b, 0)]]);
  const postingCount = await generatePostings(db, { count: options.postings ?? 900, seed, today, reservedInterns });
  await seedPostingStates(db, { today, adminId: demoIds.admin! });
  const demoSchool = organisationRows.find((o) => o.kind === "school")!;
  const sessionUser = (role: "admin" | "school" | "enterprise") => ({ id: demoIds[role]!, name: demoAccounts.find((a) => a.role === role)!.name, role });
  const { applications } = await seedPlacements(db, {
    today,
    random,
    admin: sessionUser("admin"),
    demoEnterprise: { id: demoEnterprise.id!, user: sessionUser("enterprise"), regionCode: demoEnterprise.regionCode, address: demoEnterprise.address },
    demoSchool: { id: demoSchool.id!, user: sessionUser("school") },
    demoStudentId: demoIds.student!,
  });
  await seedCooperation(db, { today, random, demoSchoolId: demoSchool.id!, demoEnterpriseId: demoEnterprise.id! });
  // A fresh demo database searches at full speed on PostgreSQL from the start.
  await mergePendingSearchEntries(db);
  return { schools: schoolCount, enterprises: enterpriseCount, students: studentCount, postings: postingCount, applications };
}

function chunk<T>(rows: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
