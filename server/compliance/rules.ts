/**
 * The national rules on vocational students' internships, each written once as a pure function.
 * Source of every rule: 《职业学校学生实习管理规定》(教育部等八部门, 教职成〔2021〕4号), summarised in
 * shared/DOMAIN.md. Procedures (publishing, applying, accepting) and forms call these; nothing else
 * restates a number. Client-safe: no server imports.
 */

import { bannedVenues } from "./venues";

export type RuleId =
  | "bannedIndustry"
  | "payFloor"
  | "payInMoneyMonthly"
  | "noFees"
  | "noIdWithholding"
  | "restrictedWorkingTime"
  | "dailyHours"
  | "weeklyHours"
  | "restDay"
  | "exceptionFiling"
  | "highRiskWork"
  | "apprenticeMinimumAge"
  | "feeTerms"
  | "placementStartDate"
  | "logWeekOutsidePlacement"
  | "longPlacementReason"
  | "amendedEndDate"
  | "labourIntensity"
  | "liabilityInsurance"
  | "hostInternCap"
  | "postInternCap"
  | "durationAboutSixMonths"
  | "firstYearStudent"
  | "minimumAge"
  | "minorForbiddenWork"
  | "specialtyGroup"
  // Not from the regulation but refused the same way when a student applies or accepts:
  | "postingNotOpen"
  | "applyByPassed"
  | "noSeats"
  | "alreadyApplied";

export interface Violation {
  rule: RuleId;
  /** The form field the problem belongs to, when there is one. */
  field?: string;
  severity: "error" | "warning";
  zh: string;
  en: string;
}

const zhNumber = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const enNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const yuan = (n: number) => `${zhNumber.format(n)} 元`;
const cny = (n: number) => `CNY ${enNumber.format(n)}`;

export function violation(rule: RuleId, field: string | undefined, zh: string, en: string, severity: "error" | "warning" = "error"): Violation {
  return { rule, field, severity, zh, en };
}

// --- Where and through whom ---------------------------------------------------------------

/** GB/T 4754-2017 classes of commercial entertainment venues (bars, karaoke, internet cafés, bath houses); data in venues.ts. */
export const entertainmentVenueClasses: readonly string[] = bannedVenues.filter((v) => v.kind === "venue").map((v) => v.code);
/** GB/T 4754-2017 classes of employment agencies and labour dispatch. */
export const intermediaryClasses: readonly string[] = bannedVenues.filter((v) => v.kind === "intermediary").map((v) => v.code);
const bannedClasses: readonly string[] = bannedVenues.map((v) => v.code);

/**
 * No placement in commercial entertainment venues, nor through intermediaries or paid agents
 * (《职业学校学生实习管理规定》第十六条（五）（六）). A broader code (大类 or 中类) that contains a banned class is
 * refused too: it could hide one.
 */
export function checkIndustry(industryCode: string, field = "industryCode"): Violation | null {
  const banned = bannedVenues.find((v) => v.code === industryCode);
  if (banned) {
    return banned.kind === "venue"
      ? violation("bannedIndustry", field, `不得安排学生到${banned.placeZh}等营业性娱乐场所实习（行业代码 ${industryCode} ${banned.nameZh}）`, `Students may not be placed in commercial entertainment venues such as ${banned.placeEn} (industry ${industryCode})`)
      : violation("bannedIndustry", field, `不得通过中介机构或有偿代理组织、安排学生实习（行业代码 ${industryCode} ${banned.nameZh}）`, `Placements may not go through employment agencies or labour dispatch (industry ${industryCode})`);
  }
  const hidden = bannedClasses.find((c) => c.startsWith(industryCode) && industryCode.length < 4);
  if (hidden) {
    return violation(
      "bannedIndustry",
      field,
      `行业代码 ${industryCode} 包含禁止安排学生实习的行业（如 ${hidden}），请选择到具体小类`,
      `Industry ${industryCode} includes classes where placements are banned (e.g. ${hidden}); choose the exact class`,
    );
  }
  return null;
}

// --- Pay ---------------------------------------------------------------------------------

/** Pay for 岗位实习 at least 80% of the host's wage for the same post (or its lowest wage grade). Exactly 80% passes. */
export function checkPayFloor(monthlyPay: number, sameWage: number): Violation | null {
  if (monthlyPay * 5 >= sameWage * 4) return null;
  const floor = (sameWage * 4) / 5;
  return violation(
    "payFloor",
    "monthlyPay",
    `实习报酬 ${yuan(monthlyPay)}低于同岗位工资 ${yuan(sameWage)}的 80%（${yuan(floor)}）`,
    `Pay of ${cny(monthlyPay)} is below 80% of the same post's wage of ${cny(sameWage)} (${cny(floor)})`,
  );
}

export const payFrequencies = ["monthly", "semimonthly", "weekly", "end_of_placement"] as const;
export type PayFrequency = (typeof payFrequencies)[number];

/** Paid in money, at least monthly. */
export function checkPayFrequency(frequency: PayFrequency): Violation | null {
  if (frequency !== "end_of_placement") return null;
  return violation("payInMoneyMonthly", "payFrequency", "实习报酬应以货币形式按月足额发放，不得在实习结束时一次性发放", "Pay must be paid in money at least monthly, not once at the end");
}

// --- No fees, no withheld documents -------------------------------------------------------

/** No fees of any kind to students: deposits, training, management, materials, placement fees, cuts of pay. */
export function checkNoFees(feesToStudents: number): Violation | null {
  if (feesToStudents <= 0) return null;
  return violation(
    "noFees",
    "feesToStudents",
    `不得以任何名义向学生收取费用（押金、培训费、管理费、服装费、中介费或扣减报酬等），当前填写 ${yuan(feesToStudents)}`,
    `No fees of any kind may be charged to students (deposits, training, management, uniforms, placement fees, cuts of pay); ${cny(feesToStudents)} entered`,
  );
}

export function checkNoIdWithholding(withholdsIdDocuments: boolean): Violation | null {
  if (!withholdsIdDocuments) return null;
  return violation("noIdWithholding", "withholdsIdDocuments", "不得扣押学生居民身份证等证件", "Students' ID cards and documents may not be withheld");
}

// --- Working time, intensity, risk ----------------------------------------------------------

// Hours, rest days, night shifts, overtime, holidays and high-risk work: working-time.ts.

export const labourIntensityLevels = ["I", "II", "III", "IV"] as const;
export type LabourIntensity = (typeof labourIntensityLevels)[number];

/** No physical labour of intensity level III or above (GB 3869 体力劳动强度分级). */
export function checkLabourIntensity(level: LabourIntensity): Violation | null {
  if (level === "I" || level === "II") return null;
  return violation("labourIntensity", "labourIntensity", `不得安排学生从事 ${level} 级及以上体力劳动强度的工作（上限为 II 级）`, `Physical labour of intensity level ${level} is not allowed (level II at most)`);
}

export const insurancePayers = ["host", "school", "student"] as const;
export type InsurancePayer = (typeof insurancePayers)[number];

/** Liability insurance for the whole placement, never paid by the student. */
export function checkInsurance(hasLiabilityInsurance: boolean, paidBy: InsurancePayer): Violation | null {
  if (!hasLiabilityInsurance) {
    return violation("liabilityInsurance", "liabilityInsurance", "岗位实习须投保实习责任保险，覆盖实习全过程", "Liability insurance covering the whole placement is required");
  }
  if (paidBy === "student") {
    return violation("liabilityInsurance", "insurancePaidBy", "实习责任保险费用不得由学生承担", "The student may never pay for the liability insurance");
  }
  return null;
}

// --- How many interns ------------------------------------------------------------------------

/** Interns at one host ≤ 10% of its staff. Exactly 10% passes. */
export function checkHostInternCap(interns: number, hostStaff: number, field: string | null = "quantity"): Violation | null {
  if (interns * 10 <= hostStaff) return null;
  const cap = Math.floor(hostStaff / 10);
  return violation(
    "hostInternCap",
    field ?? undefined,
    `实习学生 ${zhNumber.format(interns)} 人超过单位职工总数 ${zhNumber.format(hostStaff)} 人的 10%（最多 ${zhNumber.format(cap)} 人）`,
    `${enNumber.format(interns)} interns exceed 10% of the host's ${enNumber.format(hostStaff)} staff (at most ${enNumber.format(cap)})`,
  );
}

/** Interns on one post ≤ 20% of the staff on that post. Exactly 20% passes. */
export function checkPostInternCap(interns: number, postStaff: number, field: string | null = "quantity"): Violation | null {
  if (interns * 5 <= postStaff) return null;
  const cap = Math.floor(postStaff / 5);
  return violation(
    "postInternCap",
    field ?? undefined,
    `同一岗位实习学生 ${zhNumber.format(interns)} 人超过该岗位职工 ${zhNumber.format(postStaff)} 人的 20%（最多 ${zhNumber.format(cap)} 人）`,
    `${enNumber.format(interns)} interns on one post exceed 20% of its ${enNumber.format(postStaff)} staff (at most ${enNumber.format(cap)})`,
  );
}

// The duration of a placement (from its dates): dates.ts.

// --- Who may take a placement (checked when a student applies) -------------------------------

/** Full years between two YYYY-MM-DD dates. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The school year runs from 1 September: a student is in year one until the 1 September after enrolment. */
export function firstPlacementDate(enrolmentYear: number): string {
  return `${enrolmentYear + 1}-09-01`;
}

export function isFirstYear(enrolmentYear: number, onDate: string): boolean {
  return onDate < firstPlacementDate(enrolmentYear);
}

/** The day a student reaches an age (29 February birthdays count from 1 March in other years). */
export function birthdayAt(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const monthDay = birthDate.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === "02-29" && !leap ? "03-01" : monthDay}`;
}

/** Youngest age for a 岗位实习, and the age of majority for work forbidden to minors. */
export const minimumPlacementAge = 16;
export const adultAge = 18;

/** No 岗位实习 for first-year students. */
export function checkNotFirstYear(enrolmentYear: number, startDate: string): Violation | null {
  if (!isFirstYear(enrolmentYear, startDate)) return null;
  return violation("firstYearStudent", undefined, `不得安排一年级在校学生进行岗位实习（${enrolmentYear} 级学生在 ${enrolmentYear + 1} 年 9 月 1 日前仍为一年级）`, `First-year students may not take placement internships (the class of ${enrolmentYear} is in year one until 1 September ${enrolmentYear + 1})`);
}

/** No 岗位实习 for anyone under 16 on the day it starts. */
export function checkMinimumAge(birthDate: string, startDate: string): Violation | null {
  const age = ageOn(birthDate, startDate);
  if (age >= minimumPlacementAge) return null;
  return violation("minimumAge", undefined, `不得安排未满 16 周岁的学生进行岗位实习（实习开始时 ${age} 周岁）`, `Students under 16 may not take placement internships (${age} at the start)`);
}

/**
 * No apprentice post (学徒岗位) or other paid work for anyone under 16 on the day it starts: 《劳动法》第十五条,
 * 《禁止使用童工规定》(国务院令第 364 号) 第二条.
 */
export function checkApprenticeMinimumAge(birthDate: string, startDate: string): Violation | null {
  const age = ageOn(birthDate, startDate);
  if (age >= minimumPlacementAge) return null;
  return violation(
    "apprenticeMinimumAge",
    undefined,
    `不得安排未满 16 周岁的学生从事学徒岗位或其他有报酬的工作（《劳动法》第十五条、《禁止使用童工规定》；开始时 ${age} 周岁）`,
    `No apprentice post or other paid work for anyone under 16 (Labour Law art. 15, Provisions on the Prohibition of Child Labour; ${age} at the start)`,
  );
}

/** Minors (under 18 on the first day) may not do work forbidden to minors (《未成年工特殊保护规定》第三条). */
export function checkMinorForbiddenWork(birthDate: string, startDate: string, forbiddenForMinors: boolean): Violation | null {
  const age = ageOn(birthDate, startDate);
  if (!forbiddenForMinors || age >= adultAge) return null;
  return violation(
    "minorForbiddenWork",
    undefined,
    `不得安排未满 18 周岁的学生从事《未成年工特殊保护规定》第三条规定的禁忌劳动（该岗位涉及此类劳动；开始时 ${age} 周岁）`,
    `Students under 18 may not do the work forbidden to minors (Provisions on Special Protection of Juvenile Workers, art. 3); this post involves it and the student is ${age} at the start`,
  );
}

/** Placements match the student's specialty: in principle not outside the student's 专业大类 (by group key). */
export function checkSpecialtyGroup(studentGroup: string, postingGroups: string[]): Violation | null {
  if (postingGroups.length === 0 || postingGroups.includes(studentGroup)) return null;
  return violation("specialtyGroup", undefined, "实习岗位应与学生所学专业对口，原则上不得跨专业大类安排", "A placement must match the student's specialty, in principle within its specialty group");
}

// --- Whether an application can be taken at all (not the regulation, but refused the same way) ----

export function checkPostingOpen(status: string): Violation | null {
  if (status === "published") return null;
  return violation("postingNotOpen", undefined, "该信息未在发布中，不能申请", "This posting is not open for applications");
}

/** The apply-by day itself is still open. */
export function checkApplyBy(applyBy: string, today: string): Violation | null {
  if (today <= applyBy) return null;
  return violation("applyByPassed", undefined, `报名已于 ${applyBy} 截止`, `Applications closed on ${applyBy}`);
}

/** Seats are the posted quantity minus the placements that hold one. */
export function checkSeats(seatsTaken: number, quantity: number): Violation | null {
  if (seatsTaken < quantity) return null;
  return violation("noSeats", undefined, `名额已满（共 ${zhNumber.format(quantity)} 个名额）`, `No seats left (${enNumber.format(quantity)} in all)`);
}

export function checkNotAlreadyApplied(alreadyApplied: boolean): Violation | null {
  if (!alreadyApplied) return null;
  return violation("alreadyApplied", undefined, "你已申请过该岗位，可在“我的申请”中查看进度", "You have already applied; follow it under My applications");
}
