/**
 * Working time, high-risk work and the filed exception, each rule once and pure (client-safe).
 *
 * Sources:
 * - 国务院《关于职工工作时间的规定》(1995 修订) 第三条: 职工每日工作 8 小时、每周工作 40 小时;
 * - 《中华人民共和国劳动法》第三十八条: 用人单位应当保证劳动者每周至少休息一日;
 * - 《职业学校学生实习管理规定》(教职成〔2021〕4号) 第十七条: 除相关专业和实习岗位有特殊要求，并报上级主管部门
 *   备案的实习安排外，不得安排学生从事高空、井下、放射性、有毒、易燃易爆以及其他具有较高安全风险的实习，不得安排
 *   学生在法定节假日实习，不得安排学生加班和上夜班;
 * - 《未成年工特殊保护规定》(劳部发〔1994〕498号) 第三条: the work forbidden to minors (未成年工, 16–18), listed below.
 */
import { violation, type Violation } from "./rules";

export const maxDailyHours = 8;
export const maxWeeklyHours = 40;
/** At least one rest day a week: at most six working days. */
export const maxWorkingDays = 6;

/** Hours a week as the posting states them: hours a day × days a week (never typed separately). */
export function weeklyHoursOf(dailyHours: number, weeklyDays: number): number {
  return Math.round(dailyHours * weeklyDays * 100) / 100;
}

const hours = (n: number) => new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 }).format(n);

/** At most 8 hours a day. Exactly 8 passes. */
export function checkDailyHours(dailyHours: number): Violation | null {
  if (dailyHours <= maxDailyHours) return null;
  return violation(
    "dailyHours",
    "dailyHours",
    `每日实习时间不得超过 ${maxDailyHours} 小时（国务院《关于职工工作时间的规定》第三条），当前为 ${hours(dailyHours)} 小时`,
    `At most ${maxDailyHours} hours a day (State Council Provisions on Working Hours, art. 3); ${hours(dailyHours)} entered`,
  );
}

/** At most 40 hours a week. Exactly 40 passes. */
export function checkWeeklyHours(dailyHours: number, weeklyDays: number): Violation | null {
  const weekly = weeklyHoursOf(dailyHours, weeklyDays);
  if (weekly <= maxWeeklyHours) return null;
  return violation(
    "weeklyHours",
    "weeklyDays",
    `每周实习时间不得超过 ${maxWeeklyHours} 小时（国务院《关于职工工作时间的规定》第三条），当前为每日 ${hours(dailyHours)} 小时 × ${weeklyDays} 天 = ${hours(weekly)} 小时`,
    `At most ${maxWeeklyHours} hours a week (State Council Provisions on Working Hours, art. 3); ${hours(dailyHours)} h × ${weeklyDays} days = ${hours(weekly)} h`,
  );
}

/** At least one rest day a week (劳动法 art. 38). */
export function checkRestDay(weeklyDays: number): Violation | null {
  if (weeklyDays <= maxWorkingDays) return null;
  return violation(
    "restDay",
    "weeklyDays",
    `应保证学生每周至少休息一日（《劳动法》第三十八条），当前每周工作 ${weeklyDays} 天`,
    `Students must rest at least one day a week (Labour Law art. 38); ${weeklyDays} working days entered`,
  );
}

// --- The filed exception ---------------------------------------------------------------------------

/** The filing with the education authority that allows, by exception, what art. 17 otherwise forbids. */
export interface ExceptionFiling {
  exceptionFiled: boolean;
  /** The filing's reference (文号 or 备案编号). */
  exceptionReference: string;
  /** The day it was filed, YYYY-MM-DD, or "" when not given. */
  exceptionFiledOn: string;
}

/** A reference a filing could have: 4–60 characters, letters/digits/usual punctuation, with a number in it. */
export const filingReferencePattern = /^(?=.*\d)[\p{L}\p{N}〔〕［］[\]（）()【】\-—–_/.·#＃ ]{4,60}$/u;

/** The filing is complete: ticked, a sensible reference, and a date that is not in the future. */
export function checkExceptionFiling(f: ExceptionFiling, today: string): Violation | null {
  const reference = f.exceptionReference.trim();
  if (!filingReferencePattern.test(reference)) {
    return violation(
      "exceptionFiling",
      "exceptionReference",
      "已报备特殊情况的，须填写教育行政部门的备案文号（4–60 个字符，含编号数字，如“穗教职成备〔2027〕12号”）",
      "An exception filed with the education authority needs its reference (4–60 characters including a number, e.g. “穗教职成备〔2027〕12号”)",
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.exceptionFiledOn) || f.exceptionFiledOn > today) {
    return violation(
      "exceptionFiling",
      "exceptionFiledOn",
      `已报备特殊情况的，须填写备案日期，且不得晚于今天（${today}）`,
      `An exception filed needs the date it was filed, not later than today (${today})`,
    );
  }
  return null;
}

function refusedUnlessFiled(rule: "restrictedWorkingTime" | "highRiskWork", found: [string, string][], f: ExceptionFiling, today: string): Violation | null {
  if (found.length === 0) return null;
  if (f.exceptionFiled) return checkExceptionFiling(f, today);
  const zh = found.map((x) => x[0]).join("、");
  const en = found.map((x) => x[1]).join(", ");
  return violation(
    rule,
    "exceptionFiled",
    `不得安排学生${zh}（《职业学校学生实习管理规定》第十七条），确因专业和岗位特殊要求的，须先报教育行政部门备案并填写备案文号和日期`,
    `${en}: not allowed for interns (Internship Provisions art. 17) unless filed with the education authority; give the filing's reference and date`,
  );
}

export interface WorkingTimeFacts extends ExceptionFiling {
  nightShifts: boolean;
  overtime: boolean;
  holidayWork: boolean;
}

/** No night shifts, overtime or statutory-holiday work unless a complete exception is filed. */
export function checkRestrictedTime(c: WorkingTimeFacts, today: string): Violation | null {
  const found = [
    c.nightShifts && (["上夜班", "night shifts"] as [string, string]),
    c.overtime && (["加班", "overtime"] as [string, string]),
    c.holidayWork && (["在法定节假日实习", "work on statutory holidays"] as [string, string]),
  ].filter((x): x is [string, string] => !!x);
  return refusedUnlessFiled("restrictedWorkingTime", found, c, today);
}

// --- High-risk work ----------------------------------------------------------------------------------

/** The kinds of high-risk work art. 17 names. */
export const highRiskKinds = ["height", "underground", "radioactive", "toxic", "flammableExplosive", "otherHighRisk"] as const;
export type HighRiskKind = (typeof highRiskKinds)[number];
const highRiskNames: Record<HighRiskKind, [string, string]> = {
  height: ["高空作业", "work at height"],
  underground: ["井下作业", "underground work"],
  radioactive: ["放射性作业", "work with radioactive materials"],
  toxic: ["有毒作业", "toxic work"],
  flammableExplosive: ["易燃易爆作业", "work with flammable or explosive materials"],
  otherHighRisk: ["其他具有较高安全风险的作业", "other high-risk work"],
};

/** High-risk work is refused unless a complete exception is filed. */
export function checkHighRiskWork(riskKinds: readonly HighRiskKind[], f: ExceptionFiling, today: string): Violation | null {
  return refusedUnlessFiled("highRiskWork", riskKinds.map((k) => highRiskNames[k]), f, today);
}

// --- Work forbidden to minors --------------------------------------------------------------------------

/** 《未成年工特殊保护规定》第三条 (一)–(十七), in its order. */
export const minorForbiddenWorkKinds = [
  "dust", // (一) 《生产性粉尘作业危害程度分级》第一级以上的接尘作业
  "toxic", // (二) 《有毒作业分级》第一级以上的有毒作业
  "height", // (三) 《高处作业分级》第二级以上的高处作业
  "coldWater", // (四) 《冷水作业分级》第二级以上的冷水作业
  "heat", // (五) 《高温作业分级》第三级以上的高温作业
  "cold", // (六) 《低温作业分级》第三级以上的低温作业
  "heavyLabour", // (七) 《体力劳动强度分级》第四级体力劳动强度的作业
  "mining", // (八) 矿山井下及矿山地面采石作业
  "forestry", // (九) 森林业中的伐木、流放及守林作业
  "radiation", // (十) 工作场所接触放射性物质的作业
  "hazardous", // (十一) 有易燃易爆、化学性烧伤和热烧伤等危险性大的作业
  "fieldExploration", // (十二) 地质勘探和资源勘探的野外作业
  "divingAltitude", // (十三) 潜水、涵洞、涵道作业和海拔三千米以上的高原作业
  "loads", // (十四) 连续负重每小时六次以上并每次超过二十公斤，间断负重每次超过二十五公斤的作业
  "vibratingTools", // (十五) 使用凿岩机、捣固机、气镐、气铲、铆钉机、电锤的作业
  "forcedPosture", // (十六) 长时间保持低头、弯腰、上举、下蹲等强迫体位和动作频率每分钟大于五十次的流水线作业
  "boiler", // (十七) 锅炉司炉
] as const;
export type MinorForbiddenWorkKind = (typeof minorForbiddenWorkKinds)[number];

/** High-risk kinds that are always work forbidden to minors (art. 3 (二)(八)(十)(十一)). */
const minorForbiddenByRisk: Partial<Record<HighRiskKind, MinorForbiddenWorkKind>> = { toxic: "toxic", underground: "mining", radioactive: "radiation", flammableExplosive: "hazardous" };

/** The art. 3 categories a posting involves: those ticked, plus those its high-risk kinds always are. */
export function minorForbiddenWorkOf(ticked: readonly MinorForbiddenWorkKind[], riskKinds: readonly HighRiskKind[]): MinorForbiddenWorkKind[] {
  // Stryker disable next-line MethodExpression: without the filter, the undefined entries never equal a kind in `includes` below
  const implied = riskKinds.map((k) => minorForbiddenByRisk[k]).filter((k): k is MinorForbiddenWorkKind => !!k);
  return minorForbiddenWorkKinds.filter((k) => ticked.includes(k) || implied.includes(k));
}
