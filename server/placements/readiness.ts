import type { PostingKind } from "../../db/schema-enums";
import { adultAge, ageOn } from "../compliance/rules";

/** What a placement needs before it can start; the page lists the ones still missing. */
export const readinessItems = [
  "schoolApproval",
  "schoolTutor",
  "hostTutor",
  "insurance",
  "studentConsent",
  "guardianConsent",
  "agreementStudent",
  "agreementSchool",
  "agreementHost",
] as const;
export type ReadinessItem = (typeof readinessItems)[number];

export interface ReadinessFacts {
  kind: PostingKind;
  status: string;
  startDate: string;
  birthDate: string;
  schoolTutorId: string | null;
  hostTutorId: string | null;
  insurancePolicyNumber: string | null;
  studentConsentAt: Date | null;
  guardianConsentAt: Date | null;
  studentConfirmedDigest: string | null;
  schoolConfirmedDigest: string | null;
  hostConfirmedDigest: string | null;
}

/** A student under 18 on the first day needs a guardian's informed consent too. */
export function needsGuardianConsent(birthDate: string, startDate: string) {
  return ageOn(birthDate, startDate) < adultAge;
}

/**
 * The items missing before the placement may start. A 岗位实习 needs the tripartite agreement confirmed by
 * all three parties on its current text (a confirmation of an older text does not count), the student's
 * (and a minor's guardian's) informed consent and the liability insurance; every kind needs the school's
 * approval and both tutors.
 */
export function missingBeforeStart(p: ReadinessFacts, agreementDigest: string): ReadinessItem[] {
  const missing: ReadinessItem[] = [];
  if (p.status === "pending_approval") missing.push("schoolApproval");
  if (!p.schoolTutorId) missing.push("schoolTutor");
  if (!p.hostTutorId) missing.push("hostTutor");
  if (p.kind !== "placement_internship") return missing;
  if (!p.insurancePolicyNumber) missing.push("insurance");
  if (!p.studentConsentAt) missing.push("studentConsent");
  if (needsGuardianConsent(p.birthDate, p.startDate) && !p.guardianConsentAt) missing.push("guardianConsent");
  if (p.studentConfirmedDigest !== agreementDigest) missing.push("agreementStudent");
  if (p.schoolConfirmedDigest !== agreementDigest) missing.push("agreementSchool");
  if (p.hostConfirmedDigest !== agreementDigest) missing.push("agreementHost");
  return missing;
}

/** The agreement can be confirmed only once the facts it states are known: approval, tutors, insurance. */
export function agreementComplete(p: ReadinessFacts) {
  return p.status !== "pending_approval" && !!p.schoolTutorId && !!p.hostTutorId && !!p.insurancePolicyNumber;
}
