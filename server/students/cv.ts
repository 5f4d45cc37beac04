import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { studentDetail } from "../../db/queries/students";
import { studentProfiles } from "../../db/schema";
import { env } from "../env";
import type { MessageKey } from "../i18n/messages";
import { pdfProblem } from "../security/pdf";
import type { SessionUser } from "../trpc";
import { cvAccessFor, isLogged, logStudentAccess } from "./visibility";

export const maxCvBytes = 2 * 1024 * 1024;

const pdfMessages: Record<NonNullable<Awaited<ReturnType<typeof pdfProblem>>>, MessageKey> = {
  notPdf: "errors.cvType",
  malformed: "errors.cvMalformed",
  polyglot: "errors.cvPolyglot",
  encrypted: "errors.cvEncrypted",
  script: "errors.cvScript",
  launch: "errors.cvLaunch",
  embeddedFile: "errors.cvEmbeddedFile",
  activeContent: "errors.cvActiveContent",
  autoAction: "errors.cvAutoAction",
};

/**
 * Why the bytes are not an acceptable CV, as a message key, or null: at most 2 MB, and a plain, well-formed PDF by
 * content (parsed by pdf-lib; no scripts, launch actions, embedded files, RichMedia/XFA or actions run on opening;
 * nothing wrapped around it: server/security/pdf.ts), whatever the file's name or the browser's declared type say.
 */
export async function cvProblem(bytes: Uint8Array): Promise<MessageKey | null> {
  if (bytes.byteLength > maxCvBytes) return "errors.cvSize";
  const problem = await pdfProblem(bytes);
  return problem ? pdfMessages[problem] : null;
}

/** Attachments live beside the database, outside the public folder; the file is named by the user id only. */
export function cvPath(userId: string) {
  if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error("not a user id");
  return path.join(path.dirname(path.resolve(env().DATABASE_PATH)), "uploads", "cv", `${userId}.pdf`);
}

function displayName(fileName: string) {
  const base = path.basename(fileName.replace(/\\/g, "/")).replace(/[\u0000-\u001f"]/g, "").slice(-100);
  return base.toLowerCase().endsWith(".pdf") ? base : `${base || "cv"}.pdf`;
}

/** Stores the student's CV (replacing any earlier one): the file is written whole, then renamed into place. */
export async function saveCv(db: Db, userId: string, fileName: string, bytes: Uint8Array): Promise<MessageKey | null> {
  const problem = await cvProblem(bytes);
  if (problem) return problem;
  const target = cvPath(userId);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, target);
  await db.update(studentProfiles).set({ cvFileName: displayName(fileName), cvFileSize: bytes.byteLength, cvUploadedAt: new Date() }).where(eq(studentProfiles.userId, userId));
  return null;
}

export async function removeCv(db: Db, userId: string) {
  await db.update(studentProfiles).set({ cvFileName: null, cvFileSize: null, cvUploadedAt: null }).where(eq(studentProfiles.userId, userId));
  fs.rmSync(cvPath(userId), { force: true });
}

/**
 * The CV for a viewer whose view of the student includes it (server/students/visibility.ts: the student,
 * their school, administrators, a verified host with an open application); null for everyone else and when
 * none. A host's or an administrator's read is written to the student's access log.
 */
export async function readCv(db: Db, viewer: SessionUser, studentId: string) {
  const student = /^[0-9a-f-]{36}$/.test(studentId) ? await studentDetail(db, studentId) : undefined;
  if (!student?.cvFileName) return null;
  const access = await cvAccessFor(db, viewer, student);
  if (!access) return null;
  const file = cvPath(studentId);
  if (!fs.existsSync(file)) return null;
  if (isLogged(access.view)) await logStudentAccess(db, { studentId, viewer, organisationId: access.organisationId, what: "cv" });
  return { bytes: fs.readFileSync(file), fileName: student.cvFileName };
}
