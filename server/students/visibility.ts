import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db, Runner } from "../../db/create";
import { studentDetail } from "../../db/queries/students";
import { applications, memberships, organisations, placements, studentAccessLog, type StudentAccessKind } from "../../db/schema";
import { openApplicationStatuses } from "../../db/schema-enums";
import { findMembership, type SessionUser } from "../trpc";

/**
 * Who sees what of a student: the one table every read of a student's data goes through (students.get,
 * students matched to a posting, applicants, the CV, placement pages). The views:
 *
 * - self: the student, everything of themself.
 * - school: the staff of the student's own school, everything.
 * - admin: administrators, everything; each read is written to the access log.
 * - applicant: members of a *verified* enterprise while the student has an open application to one of its
 *   postings (or an application that became a placement with it): contact, birth date and CV, each read
 *   written to the access log.
 * - visibleProfile: members of a verified enterprise, for students who let enterprises find them: school,
 *   specialty, year, regions, skills, certificates, bio and a display name (surname + 同学, or an initial),
 *   never the full name, contact, birth date or CV.
 *
 * Everyone else (anonymous, other students, other schools, unverified enterprises, enterprises the student
 * is hidden from) sees nothing: NOT_FOUND, not revealing that the student exists.
 */
export const studentViews = ["self", "school", "admin", "applicant", "visibleProfile"] as const;
export type StudentView = (typeof studentViews)[number];

const visibleProfileFields = ["userId", "displayName", "schoolId", "schoolName", "specialtyCode", "specialtyName", "enrolmentYear", "preferredRegions", "skills", "certificates", "bio"] as const;
const applicantFields = [...visibleProfileFields, "name", "email", "mobile", "birthDate", "cvFileName", "cvFileSize"] as const;
const fullFields = [...applicantFields, "visibleToEnterprises"] as const;

/** The fields of a student each view shows (README "Security model" and the tests read this table). */
export const studentFieldsByView = {
  self: fullFields,
  school: fullFields,
  admin: fullFields,
  applicant: applicantFields,
  visibleProfile: visibleProfileFields,
} as const satisfies Record<StudentView, readonly string[]>;

export type StudentRecord = NonNullable<Awaited<ReturnType<typeof studentDetail>>>;
type WithDisplayName = StudentRecord & { displayName: string };
export type StudentInView<V extends StudentView> = V extends StudentView ? Pick<WithDisplayName, (typeof studentFieldsByView)[V][number]> & { view: V } : never;
type VisibleField = (typeof visibleProfileFields)[number];
/** A student as some viewer sees them: the visible profile always, the rest only in the views that show it. */
export type StudentShown = Pick<WithDisplayName, VisibleField> & Partial<Omit<WithDisplayName, VisibleField>> & { view: StudentView };

/** A name to show where the full name may not be: the surname and 同学 for a Chinese name, an initial otherwise. */
export function displayNameOf(name: string) {
  const first = [...name.trim()][0] ?? "";
  if (/\p{Script=Han}/u.test(first)) return `${first}同学`;
  return first ? `${first.toUpperCase()}.` : "同学";
}

/** Only the fields of the view, whatever else the row holds. */
export function studentInView<V extends StudentView>(student: StudentRecord, view: V): StudentInView<V> {
  const source: Record<string, unknown> = { ...student, displayName: displayNameOf(student.name) };
  const out: Record<string, unknown> = { view };
  for (const field of studentFieldsByView[view]) out[field] = source[field];
  return out as StudentInView<V>;
}

/** The visible-profile fields of a row (a match list, say), without the view tag. */
export function visibleProfileOf(row: Omit<StudentRecord, "email" | "mobile" | "birthDate" | "cvFileName" | "cvFileSize" | "visibleToEnterprises">) {
  const source: Record<string, unknown> = { ...row, displayName: displayNameOf(row.name) };
  return Object.fromEntries(visibleProfileFields.map((f) => [f, source[f]])) as Pick<WithDisplayName, (typeof visibleProfileFields)[number]>;
}

export type StudentAccess =
  | { view: "self" | "school" | "admin"; organisationId: null }
  | { view: "applicant"; organisationId: string; applicationId: string }
  | { view: "visibleProfile"; organisationId: string };

/** The verified enterprises the user is a member of. */
async function verifiedEnterprisesOf(db: Runner, userId: string) {
  const rows = await db
    .select({ id: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(organisations.kind, "enterprise"), eq(organisations.verificationStatus, "verified")));
  return rows.map((r) => r.id);
}

/**
 * The student's application that gives one of these hosts the applicant view: one still open, or one
 * that became a placement with the host (its parties keep what the agreement names).
 */
export async function applicantGrant(db: Runner, studentId: string, hostIds: string[]) {
  if (hostIds.length === 0) return null;
  const [grant] = await db
    .select({ applicationId: applications.id, hostId: applications.hostId })
    .from(applications)
    .leftJoin(placements, eq(placements.applicationId, applications.id))
    .where(and(eq(applications.studentId, studentId), inArray(applications.hostId, hostIds), or(inArray(applications.status, [...openApplicationStatuses]), isNotNull(placements.id))))
    .orderBy(desc(applications.createdAt))
    .limit(1);
  return grant ?? null;
}

/** Which view of the student the viewer has, or null for none (answer NOT_FOUND). */
export async function studentAccessFor(db: Db, viewer: SessionUser, student: { userId: string; schoolId: string; visibleToEnterprises: boolean }): Promise<StudentAccess | null> {
  if (viewer.id === student.userId) return { view: "self", organisationId: null };
  if (viewer.role === "admin") return { view: "admin", organisationId: null };
  if (viewer.role === "school") return (await findMembership(db, viewer.id, student.schoolId)) ? { view: "school", organisationId: null } : null;
  if (viewer.role !== "enterprise") return null;
  // Only verified enterprises see students at all: a self-registered one sees nothing until it is checked.
  const hosts = await verifiedEnterprisesOf(db, viewer.id);
  if (hosts.length === 0) return null;
  const grant = await applicantGrant(db, student.userId, hosts);
  if (grant) return { view: "applicant", organisationId: grant.hostId, applicationId: grant.applicationId };
  if (student.visibleToEnterprises) return { view: "visibleProfile", organisationId: hosts[0]! };
  return null;
}

/** Whether a read in this view is written to the student's access log (everyone but the student and their school). */
export function isLogged(view: StudentView) {
  return view === "applicant" || view === "admin";
}

/** Writes one read of a student's personal data to the log the student reads. */
export async function logStudentAccess(db: Runner, entry: { studentId: string; viewer: SessionUser; organisationId: string | null; what: StudentAccessKind }) {
  await db
    .insert(studentAccessLog)
    .values({ studentId: entry.studentId, viewerId: entry.viewer.id, viewerRole: entry.viewer.role, viewerOrganisationId: entry.organisationId, what: entry.what });
}

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "errors.NOT_FOUND" });

/** students.get: the student in the viewer's view, the read logged when it shows contact data to a host or an administrator. */
export async function readStudent(db: Db, viewer: SessionUser, studentId: string): Promise<StudentShown> {
  const student = await studentDetail(db, studentId);
  const access = student ? await studentAccessFor(db, viewer, student) : null;
  if (!student || !access) throw notFound();
  if (isLogged(access.view)) await logStudentAccess(db, { studentId, viewer, organisationId: access.organisationId, what: "profile" });
  return studentInView(student, access.view);
}

/** Whether the viewer may open the student's CV; the read is logged as readStudent's are. Null: not allowed. */
export async function cvAccessFor(db: Db, viewer: SessionUser, student: StudentRecord) {
  const access = await studentAccessFor(db, viewer, student);
  if (!access || !(studentFieldsByView[access.view] as readonly string[]).includes("cvFileName")) return null;
  return access;
}

/**
 * A placement's page and agreement name the student's birth date and contact: its parties read them. The
 * host's and administrators' reads are logged (the student and the school's staff are not).
 */
export async function logPlacementRead(db: Runner, viewer: SessionUser, party: "student" | "school" | "host" | "admin", placement: { studentId: string; hostId: string }) {
  if (party !== "host" && party !== "admin") return;
  await logStudentAccess(db, { studentId: placement.studentId, viewer, organisationId: party === "host" ? placement.hostId : null, what: "contact" });
}

/** The student's own access log, newest first: when, who (organisation or role), what. */
export async function accessLogOf(db: Runner, studentId: string, limit = 200) {
  return db
    .select({ id: studentAccessLog.id, createdAt: studentAccessLog.createdAt, what: studentAccessLog.what, viewerRole: studentAccessLog.viewerRole, organisationName: organisations.name })
    .from(studentAccessLog)
    .leftJoin(organisations, eq(organisations.id, studentAccessLog.viewerOrganisationId))
    .where(eq(studentAccessLog.studentId, studentId))
    .orderBy(desc(studentAccessLog.createdAt), desc(studentAccessLog.id))
    .limit(limit);
}

/**
 * A host's applicants list: the full name only for applications that still give the applicant view (open,
 * or become a placement); a closed one keeps the display name.
 */
export function applicantNameFor(item: { status: string; placementId: string | null; studentName: string }) {
  const open = (openApplicationStatuses as readonly string[]).includes(item.status) || item.placementId !== null;
  return open ? item.studentName : displayNameOf(item.studentName);
}
