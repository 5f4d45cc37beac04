import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { studentDetail } from "../../db/queries/students";
import { studentProfiles } from "../../db/schema";
import { env } from "../env";
import type { MessageKey } from "../i18n/messages";
import type { SessionUser } from "../trpc";
import { canReadStudent } from "./profile";

export const maxCvBytes = 2 * 1024 * 1024;

/**
 * Whether the bytes are an acceptable CV: at most 2 MB and a PDF by content (the "%PDF-" header and an
 * end-of-file marker near the end), whatever the file's name or the browser's declared type say.
 */
export function cvProblem(bytes: Uint8Array): MessageKey | null {
  if (bytes.byteLength > maxCvBytes) return "errors.cvSize";
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString("latin1");
  if (head !== "%PDF-" || !tail.includes("%%EOF")) return "errors.cvType";
  return null;
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
export function saveCv(db: Db, userId: string, fileName: string, bytes: Uint8Array): MessageKey | null {
  const problem = cvProblem(bytes);
  if (problem) return problem;
  const target = cvPath(userId);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, target);
  db.update(studentProfiles).set({ cvFileName: displayName(fileName), cvFileSize: bytes.byteLength, cvUploadedAt: new Date() }).where(eq(studentProfiles.userId, userId)).run();
  return null;
}

export function removeCv(db: Db, userId: string) {
  db.update(studentProfiles).set({ cvFileName: null, cvFileSize: null, cvUploadedAt: null }).where(eq(studentProfiles.userId, userId)).run();
  fs.rmSync(cvPath(userId), { force: true });
}

/** The CV for a viewer allowed to read the student's personal data; null for everyone else and when none. */
export async function readCv(db: Db, viewer: SessionUser, studentId: string) {
  const student = /^[0-9a-f-]{36}$/.test(studentId) ? await studentDetail(db, studentId) : undefined;
  if (!student?.cvFileName || !(await canReadStudent(db, viewer, student))) return null;
  const file = cvPath(studentId);
  if (!fs.existsSync(file)) return null;
  return { bytes: fs.readFileSync(file), fileName: student.cvFileName };
}
