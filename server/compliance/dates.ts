/**
 * The dates of a placement, each rule once and pure (client-safe). Dates are YYYY-MM-DD in China time;
 * `today` is always passed in (todayInChina() on the server).
 *
 * Sources: 《职业学校学生实习管理规定》(教职成〔2021〕4号): 岗位实习时间一般为 6 个月 (longer needs the school's
 * reason); the tripartite agreement fixes the placement's dates, and 协议的变更须经三方协商一致.
 */
import { violation, type Violation } from "./rules";

const dayMs = 86_400_000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The same day n months later; a day the month lacks becomes its last day (31 August + 6 months = 28/29 February). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * How long a placement lasts, from its first day to its last day inclusive: whole calendar months, then
 * the days left over. 2027-03-01 to 2027-08-31 is exactly 6 months (0 days); to 2027-09-01, 6 months 1 day.
 */
export function placementSpan(startDate: string, endDate: string): { months: number; days: number } {
  const after = addDays(endDate, 1);
  let months = 0;
  while (addMonths(startDate, months + 1) <= after) months++;
  const days = Math.round((Date.parse(`${after}T00:00:00Z`) - Date.parse(`${addMonths(startDate, months)}T00:00:00Z`)) / dayMs);
  return { months, days };
}

export const usualPlacementMonths = 6;

/** Longer than six months: the last day falls on or after the day six months after the first. */
export function exceedsSixMonths(startDate: string, endDate: string): boolean {
  return endDate >= addMonths(startDate, usualPlacementMonths);
}

const spanZh = (s: { months: number; days: number }) => `${s.months} 个月${s.days ? ` ${s.days} 天` : ""}`;
const spanEn = (s: { months: number; days: number }) => `${s.months} month${s.months === 1 ? "" : "s"}${s.days ? ` ${s.days} day${s.days === 1 ? "" : "s"}` : ""}`;

/** A 岗位实习 normally lasts about six months: longer is allowed but flagged (the school records why). */
export function checkDuration(startDate: string, endDate: string): Violation | null {
  if (!exceedsSixMonths(startDate, endDate)) return null;
  const span = placementSpan(startDate, endDate);
  return violation(
    "durationAboutSixMonths",
    "endDate",
    `岗位实习时间一般为 6 个月，${startDate} 至 ${endDate} 为 ${spanZh(span)}；超过 6 个月的须由学校在审批时说明理由`,
    `A placement normally lasts about 6 months; ${startDate} to ${endDate} is ${spanEn(span)}; the school records the reason when it approves`,
    "warning",
  );
}

/** A 岗位实习 over six months needs the school's reason, recorded when it approves the placement. */
export function checkLongPlacementReason(startDate: string, endDate: string, reason: string | null | undefined): Violation | null {
  if (!exceedsSixMonths(startDate, endDate) || (reason ?? "").trim().length >= 2) return null;
  const span = placementSpan(startDate, endDate);
  return violation(
    "longPlacementReason",
    "longPlacementReason",
    `该岗位实习 ${startDate} 至 ${endDate} 为 ${spanZh(span)}，超过一般的 6 个月，学校审批时须填写理由`,
    `This placement runs ${startDate} to ${endDate} (${spanEn(span)}), longer than the usual 6 months: the school must give its reason when approving`,
  );
}

/** A placement starts no earlier than its agreed start date (China time). */
export function checkPlacementStart(startDate: string, today: string): Violation | null {
  if (today >= startDate) return null;
  return violation("placementStartDate", undefined, `实习约定于 ${startDate} 开始，不能提前开始（今天是 ${today}）`, `The placement is agreed to start on ${startDate}; it cannot start earlier (today is ${today})`);
}

/**
 * A weekly log (周志) is written for a week inside the placement: the week (Monday to Sunday) must share a day
 * with the placement's dates, and must have begun by today.
 */
export function checkLogWeek(weekStart: string, placement: { startDate: string; endDate: string }, today: string): Violation | null {
  const weekEnd = addDays(weekStart, 6);
  if (weekEnd < placement.startDate) {
    return violation("logWeekOutsidePlacement", "weekStart", `${weekStart} 这一周在实习开始（${placement.startDate}）之前，不能填写周志`, `The week of ${weekStart} is before the placement starts (${placement.startDate})`);
  }
  if (weekStart > placement.endDate) {
    return violation("logWeekOutsidePlacement", "weekStart", `${weekStart} 这一周在实习结束（${placement.endDate}）之后，不能填写周志`, `The week of ${weekStart} is after the placement ends (${placement.endDate})`);
  }
  if (weekStart > today) {
    return violation("logWeekOutsidePlacement", "weekStart", `${weekStart} 这一周尚未开始，不能提前填写周志`, `The week of ${weekStart} has not begun yet`);
  }
  return null;
}

/**
 * A new end date proposed by amendment: after the start (a placement lasts at least its first day), not in the
 * past (nobody agrees today to have ended yesterday), and different from the end date agreed now.
 */
export function checkAmendedEndDate(newEndDate: string, placement: { startDate: string; endDate: string }, today: string): Violation | null {
  if (newEndDate === placement.endDate) {
    return violation("amendedEndDate", "newEndDate", `新的结束日期与现约定的结束日期（${placement.endDate}）相同`, `The new end date is the end date agreed now (${placement.endDate})`);
  }
  const earliest = placement.startDate > today ? placement.startDate : today;
  if (newEndDate < earliest) {
    return violation("amendedEndDate", "newEndDate", `新的结束日期不得早于 ${earliest}（实习开始日期 ${placement.startDate}，今天 ${today}）`, `The new end date cannot be before ${earliest} (the placement starts ${placement.startDate}; today is ${today})`);
  }
  return null;
}
