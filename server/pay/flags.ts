import { checkPayFloor } from "../compliance/rules";

/**
 * Pay actually paid, month by month (《职业学校学生实习管理规定》: pay at least 80% of the same post's wage,
 * in money, at least monthly). Pure and client-safe: the procedures and the placement page both use it.
 *
 * A month's pay is due by the end of the following month; later, or still unrecorded after that, it is
 * more than a month late. The first and last months of a placement are owed for the days it covers.
 */

export type PayFlagKind = "belowAgreed" | "belowFloor" | "late" | "missing" | "disputed";

export interface PayFlag {
  kind: PayFlagKind;
  month: string;
  zh: string;
  en: string;
}

export interface PayTerms {
  /** The agreed monthly pay (the posting's, as the agreement states it). */
  monthlyPay: number;
  /** The host's wage for the same post, or its lowest grade, for the 80% floor; null when none was stated. */
  sameWage: number | null;
  /** The days the placement runs, YYYY-MM-DD: its start, and its end (or the day it was ended early). */
  startDate: string;
  endDate: string;
}

export interface PayRecordFacts {
  month: string;
  amount: number;
  paidOn: string;
  studentResponse: "confirmed" | "disputed" | null;
  studentNote: string | null;
}

const zhNumber = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
const enNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function daysInMonth(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last day by which a month's pay must have been paid: the end of the following month. */
export function payDueBy(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return `${next}-${String(daysInMonth(next)).padStart(2, "0")}`;
}

/** The months a placement runs in, from its start month to its end month (but not after `untilMonth`). */
export function placementMonths(startDate: string, endDate: string, untilMonth = "9999-12"): string[] {
  const months: string[] = [];
  const last = endDate.slice(0, 7) < untilMonth ? endDate.slice(0, 7) : untilMonth;
  let [y, m] = startDate.slice(0, 7).split("-").map(Number) as [number, number];
  for (let month = startDate.slice(0, 7); month <= last; month = `${y}-${String(m).padStart(2, "0")}`) {
    months.push(month);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** Days of the month the placement covers, out of the month's days. */
function covered(month: string, terms: PayTerms): [number, number] {
  const days = daysInMonth(month);
  const first = terms.startDate.slice(0, 7) === month ? Number(terms.startDate.slice(8)) : 1;
  const last = terms.endDate.slice(0, 7) === month ? Number(terms.endDate.slice(8)) : days;
  return [Math.max(0, last - first + 1), days];
}

/** What is owed for a month at the agreed pay (pro rata in a partly covered month). */
export function owedFor(month: string, terms: PayTerms): number {
  const [days, of] = covered(month, terms);
  return (terms.monthlyPay * days) / of;
}

/** The problems of one recorded month: below the agreed pay, below 80% of the wage, late, disputed. */
export function recordFlags(record: PayRecordFacts, terms: PayTerms): PayFlag[] {
  const flags: PayFlag[] = [];
  const [days, of] = covered(record.month, terms);
  const owed = owedFor(record.month, terms);
  // Compared in whole numbers: amount × days-in-month against pay × days covered.
  if (record.amount * of < terms.monthlyPay * days) {
    flags.push({
      kind: "belowAgreed",
      month: record.month,
      zh: `${record.month} 实发 ${zhNumber.format(record.amount)} 元，低于约定的 ${zhNumber.format(owed)} 元`,
      en: `${record.month}: CNY ${enNumber.format(record.amount)} paid, below the agreed CNY ${enNumber.format(owed)}`,
    });
  }
  if (terms.sameWage) {
    const floor = checkPayFloor(record.amount, (terms.sameWage * days) / of);
    if (floor) flags.push({ kind: "belowFloor", month: record.month, zh: `${record.month}：${floor.zh}`, en: `${record.month}: ${floor.en}` });
  }
  const due = payDueBy(record.month);
  if (record.paidOn > due) {
    flags.push({ kind: "late", month: record.month, zh: `${record.month} 的报酬于 ${record.paidOn} 发放，晚于 ${due}（逾期超过一个月）`, en: `Pay for ${record.month} was paid on ${record.paidOn}, after ${due} (more than a month late)` });
  }
  if (record.studentResponse === "disputed") {
    flags.push({ kind: "disputed", month: record.month, zh: `学生对 ${record.month} 的报酬有异议：${record.studentNote ?? ""}`, en: `The student disputes the pay for ${record.month}: ${record.studentNote ?? ""}` });
  }
  return flags;
}

/** A month still unrecorded after its due day. */
export function missingFlag(month: string): PayFlag {
  const due = payDueBy(month);
  return { kind: "missing", month, zh: `${month} 的报酬截至 ${due} 仍未登记发放（逾期超过一个月）`, en: `No pay recorded for ${month} by ${due} (more than a month late)` };
}

/** Every flag of a placement's pay on a day: each record's, and each month past its due day with no record. */
export function payFlags(terms: PayTerms, records: readonly PayRecordFacts[], today: string): PayFlag[] {
  const recorded = new Map(records.map((r) => [r.month, r]));
  const flags: PayFlag[] = [];
  for (const month of placementMonths(terms.startDate, terms.endDate, today.slice(0, 7))) {
    const record = recorded.get(month);
    if (record) flags.push(...recordFlags(record, terms));
    else if (today > payDueBy(month)) flags.push(missingFlag(month));
  }
  return flags;
}
