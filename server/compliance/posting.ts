import type { PostingKind } from "../../db/schema-enums";
import type { PostingValues } from "../schemas/postings";
import {
  checkDuration,
  checkHostInternCap,
  checkIndustry,
  checkInsurance,
  checkLabourIntensity,
  checkNoFees,
  checkNoIdWithholding,
  checkPayFloor,
  checkPayFrequency,
  checkPostInternCap,
  checkWorkingTime,
  type Violation,
} from "./rules";

/** Kinds through which students work at or visit a host: the internship rules apply to them. */
export const studentFacingKinds: readonly PostingKind[] = ["placement_internship", "observation_visit", "apprenticeship", "order_class"];

export interface HostFacts {
  /** The host's whole staff headcount (organisation profile). */
  staffCount: number | null;
  /** The host organisation's own industry: an agency cannot host students under another code. */
  industryCode: string | null;
  /** Seats of the host's other open placement internships, counted against its 10% cap. */
  otherInternSeats: number;
}

/**
 * Every rule that applies to a posting as written, errors and warnings. Pure: the publishing procedure
 * and the form both call it, so the form can say what the server will refuse before it is sent.
 */
export function checkPosting(posting: PostingValues, host: HostFacts): Violation[] {
  if (!studentFacingKinds.includes(posting.kind)) return [];
  const found: (Violation | null)[] = [checkIndustry(posting.industryCode)];
  if (host.industryCode && host.industryCode !== posting.industryCode) found.push(checkIndustry(host.industryCode, "industryCode"));
  if ("feesToStudents" in posting.details) found.push(checkNoFees(posting.details.feesToStudents));

  if (posting.kind === "placement_internship") {
    const d = posting.details;
    found.push(
      checkPayFloor(d.monthlyPay, d.sameWage),
      checkPayFrequency(d.payFrequency),
      checkNoIdWithholding(d.withholdsIdDocuments),
      checkWorkingTime(d),
      checkLabourIntensity(d.labourIntensity),
      checkInsurance(d.liabilityInsurance, d.insurancePaidBy),
      checkPostInternCap(posting.quantity, d.postStaffCount),
      host.staffCount ? checkHostInternCap(posting.quantity + host.otherInternSeats, host.staffCount) : null,
      checkDuration(d.durationMonths),
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
