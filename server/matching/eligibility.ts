import type { PostingKind } from "../../db/schema-enums";
import { checkStudentEligibility, type PostingFacts, type StudentFacts } from "../compliance/application";
import { studentFacingKinds } from "../compliance/posting";

/**
 * Who may be matched with what, decided by the compliance rules themselves (server/compliance/application.ts
 * checkStudentEligibility, which calls rules.ts), never restated here. The search index cannot call a rule
 * for each of a million postings, so for one student the rules are compiled into thresholds it compares in
 * O(1): per posting kind, the first start date on which the student may take it (work forbidden to minors
 * or not), and whether the posting's specialty groups must include the student's.
 *
 * The personal rules only ever open up as a start date moves later (a student gets older and leaves year
 * one), so the first allowed date is found by bisection over start dates, each step asking the rules.
 * tests/unit/matching-eligibility.test.ts checks the thresholds against the rules day by day.
 */

/** Start dates on or after these are allowed; `never` and `always` are the bounds when no date is. */
export const always = "0001-01-01";
export const never = "9999-12-31";

export interface KindThresholds {
  /** First start date (YYYY-MM-DD) on which the student may take a posting of this kind. */
  from: string;
  /** The same for a posting of this kind marked as work forbidden to minors. */
  minorsFrom: string;
  /** Whether the posting must name the student's specialty group (a posting naming none is open to all). */
  sameGroup: boolean;
}

/** A student's eligibility, compiled from the rules, for the index and the SQL search. */
export interface Eligibility {
  /** Kinds through which students work or visit: the rules apply to them; other kinds are not affected. */
  byKind: Partial<Record<PostingKind, KindThresholds>>;
  /** The student's level-independent specialty group (2 digits). */
  group: string;
  /** Postings (rowids) the student has applied to: out of recommendations. */
  applied?: number[];
  /**
   * What happens to a posting the student is barred from: left out (recommendations, the default) or, in a
   * signed-in search, kept but ranked by relevance after every posting they may take.
   */
  barred?: "out" | "last";
}

const dayMs = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / dayMs);
const isoOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

function facts(kind: PostingKind, startDate: string, forbiddenForMinors: boolean, specialtyGroups: string[]): PostingFacts {
  // Only the personal rules are asked: status, apply-by, seats and caps play no part in checkStudentEligibility.
  return { kind, status: "published", applyBy: never, startDate, quantity: 1, specialtyGroups, forbiddenForMinors, postStaffCount: null };
}

/** The first start date on which the rules allow this student a posting of this kind. */
function firstAllowed(student: StudentFacts, kind: PostingKind, forbiddenForMinors: boolean): string {
  const allowed = (day: number) => checkStudentEligibility(facts(kind, isoOf(day), forbiddenForMinors, []), student).length === 0;
  // From the day of birth to a century later: every personal rule is settled within that span.
  let lo = dayOf(student.birthDate);
  let hi = lo + 100 * 366;
  if (allowed(lo)) return always;
  if (!allowed(hi)) return never;
  // allowed(lo) is false and allowed(hi) true throughout.
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (allowed(mid)) hi = mid;
    else lo = mid;
  }
  return isoOf(hi);
}

/** A student's thresholds for every student-facing kind, from the rules. */
export function eligibilityOf(student: StudentFacts): Eligibility {
  const byKind: Eligibility["byKind"] = {};
  for (const kind of studentFacingKinds) {
    const late = isoOf(dayOf(student.birthDate) + 100 * 366);
    // The group rule: a posting naming only another group is refused where naming none is not.
    const outside = checkStudentEligibility(facts(kind, late, false, [student.specialtyGroup === "00" ? "01" : "00"]), student).length;
    const open = checkStudentEligibility(facts(kind, late, false, []), student).length;
    byKind[kind] = { from: firstAllowed(student, kind, false), minorsFrom: firstAllowed(student, kind, true), sameGroup: outside > open };
  }
  return { byKind, group: student.specialtyGroup };
}

/** Whether a posting passes the compiled thresholds (what the index and SQL compare); for tests and checks. */
export function passes(e: Eligibility, posting: { kind: PostingKind; startDate: string; forbiddenForMinors: boolean; specialtyGroups: string[] }): boolean {
  const t = e.byKind[posting.kind];
  if (!t) return true;
  if (posting.startDate < (posting.forbiddenForMinors ? t.minorsFrom : t.from)) return false;
  return !t.sameGroup || posting.specialtyGroups.length === 0 || posting.specialtyGroups.includes(e.group);
}
