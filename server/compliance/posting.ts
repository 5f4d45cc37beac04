import type { PostingKind } from "../../db/schema-enums";
import type { PostingValues } from "../schemas/postings";
import {
  checkHostInternCap,
  checkIndustry,
  checkInsurance,
  checkLabourIntensity,
  checkNoFees,
  checkNoIdWithholding,
  checkPayFloor,
  checkPayFrequency,
  checkPostInternCap,
  type Violation,
} from "./rules";
import { todayInChina } from "../schemas/accounts";
import { checkDuration } from "./dates";
import { checkFeeWords } from "./fees";
import { checkDailyHours, checkHighRiskWork, checkRestDay, checkRestrictedTime, checkWeeklyHours } from "./working-time";
import { checkCaps, type CapCount } from "./caps";

/** Kinds through which students work at or visit a host: the internship rules apply to them. */
export const studentFacingKinds: readonly PostingKind[] = ["placement_internship", "observation_visit", "apprenticeship", "order_class"];

export interface HostFacts {
  /** The host's whole staff headcount (organisation profile). */
  staffCount: number | null;
  /** The host organisation's own industry: an agency cannot host students under another code. */
  industryCode: string | null;
  /** Seats of the host's other open placement internships, counted against its 10% cap (when `caps` is not known). */
  otherInternSeats: number;
  /** What both caps count with this posting's seats, as read by the server (compliance/caps.ts); the form has none. */
  caps?: CapCount | null;
}

/**
 * Every rule that applies to a posting as written, errors and warnings. Pure: the publishing procedure
 * and the form both call it, so the form can say what the server will refuse before it is sent.
 */
export function checkPosting(posting: PostingValues, host: HostFacts, today = todayInChina()): Violation[] {
  if (!studentFacingKinds.includes(posting.kind)) return [];
  const found: (Violation | null)[] = [checkIndustry(posting.industryCode), checkFeeWords(posting)];
  if (host.industryCode && host.industryCode !== posting.industryCode) found.push(checkIndustry(host.industryCode, "industryCode"));
  if ("feesToStudents" in posting.details) found.push(checkNoFees(posting.details.feesToStudents));

  if (posting.kind === "placement_internship") {
    const d = posting.details;
    found.push(
      checkPayFloor(d.monthlyPay, d.sameWage),
      checkPayFrequency(d.payFrequency),
      checkNoIdWithholding(d.withholdsIdDocuments),
      checkDailyHours(d.dailyHours),
      checkWeeklyHours(d.dailyHours, d.weeklyDays),
      checkRestDay(d.weeklyDays),
      checkRestrictedTime(d, today),
      checkHighRiskWork(d.riskKinds, d, today),
      checkLabourIntensity(d.labourIntensity),
      checkInsurance(d.liabilityInsurance, d.insurancePaidBy),
      ...(host.caps
        ? checkCaps(host.caps)
        : [d.postStaffCount ? checkPostInternCap(posting.quantity, d.postStaffCount) : null, host.staffCount ? checkHostInternCap(posting.quantity + host.otherInternSeats, host.staffCount) : null]),
      checkDuration(posting.startDate, posting.endDate),
    );
  }
  // Rules name bare fields; the form nests a kind's own fields under `details`.
  return found
    .filter((v): v is Violation => v !== null)
    .map((v) => (v.field && v.field in posting.details ? { ...v, field: `details.${v.field}` } : v));
}

export function errorsOnly(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.severity === "error");
}
