import type { PostingKind } from "../../db/schema-enums";
import {
  checkApplyBy,
  checkApprenticeMinimumAge,
  checkMinimumAge,
  checkMinorForbiddenWork,
  checkNotAlreadyApplied,
  checkNotFirstYear,
  checkPostingOpen,
  checkSeats,
  checkSpecialtyGroup,
  type Violation,
} from "./rules";
import { checkCaps, type CapCount } from "./caps";

/** What the rules need to know about the posting a student applies to or accepts. */
export interface PostingFacts {
  kind: PostingKind;
  status: string;
  applyBy: string;
  startDate: string;
  quantity: number;
  /** Specialty-group keys (2 digits) the posting is for. */
  specialtyGroups: string[];
  forbiddenForMinors: boolean;
  /** Staff on the post as an older posting without a declared post stated it (岗位实习 only); see compliance/caps.ts. */
  postStaffCount: number | null;
}

export interface StudentFacts {
  enrolmentYear: number;
  birthDate: string;
  /** The group key (2 digits) of the student's specialty. */
  specialtyGroup: string;
}

/** Placements already holding a seat, counted when the application is checked. */
export interface SeatFacts {
  /** On this posting. */
  postingPlacements: number;
  /** What the host's 10% and the post's 20% caps count with this student in a seat (compliance/caps.ts). */
  caps: CapCount;
}

/**
 * Who may take this seat, on which day: the personal rules (first-year, age, minors, specialty group)
 * and the capacity rules (seats, 10% of the host's staff, 20% of the post's). Checked when the student
 * applies and again, inside the accepting transaction, when they accept an offer.
 */
export function checkPlacementEligibility(posting: PostingFacts, student: StudentFacts, seats: SeatFacts, startDate = posting.startDate): Violation[] {
  const found: (Violation | null)[] = [...checkStudentEligibility(posting, student, startDate), checkSeats(seats.postingPlacements, posting.quantity)];
  if (posting.kind === "placement_internship") {
    found.push(...checkCaps(seats.caps, null));
  }
  return found.filter((v): v is Violation => v !== null);
}

/** The rules about the student alone, on the day the placement would start. */
export function checkStudentEligibility(posting: PostingFacts, student: StudentFacts, startDate = posting.startDate): Violation[] {
  const found: (Violation | null)[] = [checkSpecialtyGroup(student.specialtyGroup, posting.specialtyGroups)];
  if (posting.kind === "placement_internship") {
    found.push(
      checkNotFirstYear(student.enrolmentYear, startDate),
      checkMinimumAge(student.birthDate, startDate),
      checkMinorForbiddenWork(student.birthDate, startDate, posting.forbiddenForMinors),
    );
  }
  // An apprentice post is paid work: nobody under 16 on its first day (劳动法 art. 15).
  if (posting.kind === "apprenticeship") found.push(checkApprenticeMinimumAge(student.birthDate, startDate));
  return found.filter((v): v is Violation => v !== null);
}

/** Everything that refuses an application before anything is written, each naming its rule. */
export function checkApplication(posting: PostingFacts, student: StudentFacts, seats: SeatFacts, context: { today: string; alreadyApplied: boolean }): Violation[] {
  const gate = [checkPostingOpen(posting.status), checkApplyBy(posting.applyBy, context.today), checkNotAlreadyApplied(context.alreadyApplied)];
  return [...gate.filter((v): v is Violation => v !== null), ...checkPlacementEligibility(posting, student, seats)];
}
