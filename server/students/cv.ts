import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { studentDetail } from "../../db/queries/students";
import { studentProfiles, tables } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { env } from "../env";
import type { MessageKey } from "../i18n/messages";
import { pdfProblem } from "../security/pdf";
import type { SessionUser } from "../trpc";
import { cvAccessFor, isLogged, logStudentAccess } from "./visibility";

/** Not among db/schema/index.ts's named exports: taken from the engine's tables. */
const { studentCvs } = tables;

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

/**
 * Where CVs were kept before issue 17 (beside the SQLite file, outside the public folder, named by the user id):
 * read only by the one-time move into the database, moveDiskCvsIntoDatabase.
 */
export function legacyCvFolder(databasePath = env().DATABASE_PATH) {
  return path.join(path.dirname(path.resolve(databasePath)), "uploads", "cv");
}

export function cvPath(userId: string, databasePath?: string) {
  if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error("not a user id");
  return path.join(legacyCvFolder(databasePath), `${userId}.pdf`);
}

function displayName(fileName: string) {
  // The last 100 characters by code point: slicing code units could cut a pair in half.
  const base = Array.from(path.basename(fileName.replace(/\\/g, "/")).replace(/[\u0000-\u001f"]/g, "")).slice(-100).join("");
  return base.toLowerCase().endsWith(".pdf") ? base : `${base || "cv"}.pdf`;
}

/*
 * The bytes live in the database (student_cvs: BLOB on SQLite, bytea on PostgreSQL), so that every instance serving
 * the same database serves the same CV and no request reads or writes a local file. An S3-compatible store, when one
 * is configured (issue 17, not built yet), would plug in here: saveCv/removeCv/readCv would put, delete and get the
 * object by user id instead of the student_cvs row, keeping the same checks, metadata and access log.
 */

/** Stores the student's CV (replacing any earlier one): the bytes and the profile's name and size in one transaction. */
export async function saveCv(db: Db, userId: string, fileName: string, bytes: Uint8Array): Promise<MessageKey | null> {
  const problem = await cvProblem(bytes);
  if (problem) return problem;
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await withTransaction(db, async (tx) => {
    const updated = await tx
      .update(studentProfiles)
      .set({ cvFileName: displayName(fileName), cvFileSize: bytes.byteLength, cvUploadedAt: new Date() })
      .where(eq(studentProfiles.userId, userId))
      .returning({ userId: studentProfiles.userId });
    // No profile, no CV (the update matched nothing, as before): the row's foreign key needs the profile.
    if (updated.length === 0) return;
    await tx.insert(studentCvs).values({ userId, content }).onConflictDoUpdate({ target: studentCvs.userId, set: { content, createdAt: new Date() } });
  });
  return null;
}

export async function removeCv(db: Db, userId: string) {
  await withTransaction(db, async (tx) => {
    await tx.update(studentProfiles).set({ cvFileName: null, cvFileSize: null, cvUploadedAt: null }).where(eq(studentProfiles.userId, userId));
    await tx.delete(studentCvs).where(eq(studentCvs.userId, userId));
  });
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
  const [stored] = await db.select({ content: studentCvs.content }).from(studentCvs).where(eq(studentCvs.userId, studentId));
  if (!stored) return null;
  if (isLogged(access.view)) await logStudentAccess(db, { studentId, viewer, organisationId: access.organisationId, what: "cv" });
  return { bytes: stored.content, fileName: student.cvFileName };
}

/**
 * Once, at start (scripts/prepare-db.ts), on each instance: CVs left on this machine's disk by an earlier version
 * are moved into the database, then the disk copy is removed. A CV already in the database (uploaded again since)
 * wins; a file whose student has no CV on record any more (removed, account deleted) is only removed. Files are
 * taken as they are: they passed the checks when uploaded.
 */
export async function moveDiskCvsIntoDatabase(db: Db, databasePath?: string): Promise<{ moved: number; removed: number }> {
  const folder = legacyCvFolder(databasePath);
  if (!fs.existsSync(folder)) return { moved: 0, removed: 0 };
  let moved = 0;
  let removed = 0;
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    const userId = /^([0-9a-f-]{36})\.pdf$/.exec(name)?.[1];
    if (!userId) {
      // An interrupted write of the old code (`<id>.pdf.<pid>.tmp`) was never a CV; anything else is left alone.
      if (name.endsWith(".tmp")) fs.rmSync(file, { force: true });
      continue;
    }
    const content = fs.readFileSync(file);
    const inserted = await withTransaction(db, async (tx) => {
      const [profile] = await tx.select({ cvFileName: studentProfiles.cvFileName }).from(studentProfiles).where(eq(studentProfiles.userId, userId));
      if (!profile?.cvFileName) return false;
      const rows = await tx.insert(studentCvs).values({ userId, content }).onConflictDoNothing().returning({ userId: studentCvs.userId });
      return rows.length > 0;
    });
    // Removed only once the row is committed (or found unneeded): a crash in between leaves the file for the next start.
    fs.rmSync(file, { force: true });
    if (inserted) moved++;
    else removed++;
  }
  if (fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  return { moved, removed };
}
