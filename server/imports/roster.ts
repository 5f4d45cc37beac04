import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/create";
import { uniqueViolation } from "../../db/errors";
import { organisations, passwordResetCodes, rosterEntries, schoolSpecialties, specialties, studentProfiles, users } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { audit } from "../admin/audit";
import { hashPassword } from "../accounts/password";
import { digestResetCode } from "../accounts/sessions";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { rosterRow, type RosterRow } from "../schemas/imports";
import type { SessionUser } from "../trpc";
import { assertImporter } from "./access";
import { cellOf, mapColumns, normaliseDate, type ColumnSpec, type RowProblem } from "./columns";
import { ImportFileError, readSheet } from "./sheet";

/**
 * A school's roster import. A dry run reads the file and lists every row's problems in the reader's language;
 * the import does the same checks and then writes every new student in ONE transaction, or nothing: an account
 * with no usable password, the student profile, the student number (roster_entries) and a one-time activation
 * code. The codes are the password-reset codes of server/accounts/sessions.ts (random, stored as SHA-256
 * digests, spent on first use through the "set a password with a code" page), valid for `activationValidDays`:
 * no password is hashed per student, which is what lets 10,000 rows import in seconds. A row whose student
 * number the school already has is left as it is, so importing the same file again changes nothing.
 */

export const rosterColumns = [
  { key: "studentNumber", header: "imports.col.studentNumber", required: true },
  { key: "name", header: "imports.col.name", required: true },
  { key: "birthDate", header: "imports.col.birthDate", required: true },
  { key: "specialty", header: "imports.col.specialty", required: true },
  { key: "enrolmentYear", header: "imports.col.enrolmentYear", required: true },
  { key: "className", header: "imports.col.className", required: false },
  { key: "email", header: "imports.col.email", required: false },
  { key: "mobile", header: "imports.col.mobile", required: false },
] as const satisfies readonly ColumnSpec[];
type RosterKey = (typeof rosterColumns)[number]["key"];

export const activationValidDays = 30;
/** Rows per INSERT: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const chunkSize = 1000;

export interface RosterActivation {
  line: number;
  studentNumber: string;
  name: string;
  className: string;
  specialtyName: string;
  /** What the student signs in with: the email, else the mobile number. */
  account: string;
  code: string;
}

export interface RosterResult {
  committed: boolean;
  total: number;
  create: number;
  unchanged: number;
  problems: RowProblem[];
  activations: RosterActivation[];
  expiresAt: Date | null;
}

type Progress = (done: number, total: number) => void;

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** 12 characters of 32 (60 bits), grouped as the reset codes are: XXXX-XXXX-XXXX. */
function newActivationCode() {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => codeAlphabet[b & 31]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

interface Candidate {
  line: number;
  row: RosterRow;
  specialtyCode: string;
  specialtyName: string;
}

/** Checks the file (and with `commit`, imports it). File problems throw ImportFileError; row problems are returned. */
export async function importRoster(
  db: Db,
  user: SessionUser,
  args: { organisationId: string; bytes: Uint8Array; commit: boolean; locale: Locale; onProgress?: Progress; now?: Date },
): Promise<RosterResult> {
  await assertImporter(db, user, "roster", args.organisationId);
  const t = (key: string, params?: Record<string, string | number>) => translate(args.locale, key, params);
  const header = (key: RosterKey) => t(rosterColumns.find((c) => c.key === key)!.header);
  const sheet = await readSheet(args.bytes);
  const columns = mapColumns(sheet.headers, rosterColumns);
  const total = sheet.rows.length;
  const progress = args.onProgress ?? (() => undefined);

  const majors = await db.select({ code: specialties.code, name: specialties.name }).from(specialties).where(eq(specialties.level, "major"));
  const majorByCode = new Map(majors.map((m) => [m.code, m.name]));
  const offered = new Set(
    (await db.select({ code: schoolSpecialties.specialtyCode }).from(schoolSpecialties).where(eq(schoolSpecialties.organisationId, args.organisationId))).map((r) => r.code),
  );
  const known = new Set(
    (await db.select({ number: rosterEntries.studentNumber }).from(rosterEntries).where(eq(rosterEntries.schoolId, args.organisationId))).map((r) => r.number),
  );

  const problems: RowProblem[] = [];
  const problem = (line: number, key: RosterKey, message: string, params?: Record<string, string | number>) =>
    problems.push({ line, column: header(key), message: t(message, params) });
  const firstLine = { studentNumber: new Map<string, number>(), email: new Map<string, number>(), mobile: new Map<string, number>() };
  const candidates: Candidate[] = [];
  let unchanged = 0;

  for (const [index, { line, cells }] of sheet.rows.entries()) {
    if (index % 1000 === 999) {
      progress(index + 1, total);
      // Outside any transaction: lets the progress line reach the browser while the rest is checked.
      await new Promise(setImmediate);
    }
    const raw = (key: RosterKey) => cellOf(columns, cells, key);
    const before = problems.length;
    for (const spec of rosterColumns) if (spec.required && raw(spec.key) === "") problem(line, spec.key, "imports.row.required", { column: header(spec.key) });
    const number = raw("studentNumber");
    if (number && firstLine.studentNumber.has(number)) problem(line, "studentNumber", "imports.row.duplicateNumber", { value: number, line: firstLine.studentNumber.get(number)! });
    else if (number) firstLine.studentNumber.set(number, line);
    // Already on the school's roster: left as it is (idempotent by student number).
    if (number && known.has(number) && problems.length === before) {
      unchanged++;
      continue;
    }
    const dateText = raw("birthDate");
    const date = dateText ? normaliseDate(dateText) : "";
    if (date === null) problem(line, "birthDate", "imports.row.date", { value: dateText });
    const parsed = rosterRow.safeParse({
      studentNumber: number,
      name: raw("name"),
      birthDate: date ?? "",
      enrolmentYear: raw("enrolmentYear"),
      className: raw("className"),
      email: raw("email"),
      mobile: raw("mobile"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "email") as RosterKey;
        // An empty required cell or an unreadable date is already reported once.
        if (raw(key) === "" && key !== "email") continue;
        if (key === "birthDate" && date === null) continue;
        problem(line, key, issue.message);
      }
    }
    const specialty = resolveSpecialty(raw("specialty"), majors, majorByCode, offered);
    if (raw("specialty") && "problem" in specialty) problem(line, "specialty", specialty.problem, { value: raw("specialty") });
    if (parsed.success) {
      for (const key of ["email", "mobile"] as const) {
        const value = parsed.data[key];
        if (!value) continue;
        const seen = firstLine[key].get(value);
        if (seen !== undefined) problem(line, key, key === "email" ? "imports.row.duplicateEmail" : "imports.row.duplicateMobile", { value, line: seen });
        else firstLine[key].set(value, line);
      }
    }
    if (parsed.success && "code" in specialty && problems.length === before) {
      candidates.push({ line, row: parsed.data, specialtyCode: specialty.code, specialtyName: majorByCode.get(specialty.code) ?? "" });
    }
  }

  // Accounts already taken by anyone else (any school, any role).
  const taken = await takenIdentifiers(db, candidates);
  for (const c of candidates) {
    if (c.row.email && taken.has(`e:${c.row.email}`)) problem(c.line, "email", "imports.row.emailTaken", { value: c.row.email });
    if (c.row.mobile && taken.has(`m:${c.row.mobile}`)) problem(c.line, "mobile", "imports.row.mobileTaken", { value: c.row.mobile });
  }
  problems.sort((a, b) => a.line - b.line);
  progress(total, total);
  const result: RosterResult = { committed: false, total, create: candidates.length, unchanged, problems, activations: [], expiresAt: null };
  if (!args.commit || problems.length > 0) return result;
  return commitRoster(db, user, args, candidates, result, progress);
}

function resolveSpecialty(value: string, majors: { code: string; name: string }[], majorByCode: Map<string, string>, offered: Set<string>): { code: string } | { problem: MessageKey } {
  if (majorByCode.has(value)) return offered.has(value) ? { code: value } : { problem: "imports.row.specialtyNotOffered" };
  const named = majors.filter((m) => m.name === value);
  if (named.length === 0) return { problem: "imports.row.specialtyUnknown" };
  const ours = named.filter((m) => offered.has(m.code));
  if (ours.length === 1) return { code: ours[0]!.code };
  return { problem: ours.length === 0 ? "imports.row.specialtyNotOffered" : "imports.row.specialtyAmbiguous" };
}

/** Emails ("e:…") and mobiles ("m:…") of the candidates that an account already has. */
async function takenIdentifiers(db: Db, candidates: Candidate[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const emails = candidates.map((c) => c.row.email).filter((e): e is string => !!e);
  const mobiles = candidates.map((c) => c.row.mobile).filter((m): m is string => !!m);
  for (let i = 0; i < emails.length; i += chunkSize) {
    for (const r of await db.select({ v: users.email }).from(users).where(inArray(users.email, emails.slice(i, i + chunkSize)))) taken.add(`e:${r.v}`);
  }
  for (let i = 0; i < mobiles.length; i += chunkSize) {
    for (const r of await db.select({ v: users.mobile }).from(users).where(inArray(users.mobile, mobiles.slice(i, i + chunkSize)))) taken.add(`m:${r.v}`);
  }
  return taken;
}

async function commitRoster(
  db: Db,
  user: SessionUser,
  args: { organisationId: string; now?: Date },
  candidates: Candidate[],
  result: RosterResult,
  progress: Progress,
): Promise<RosterResult> {
  const now = args.now ?? new Date();
  const expiresAt = new Date(now.getTime() + activationValidDays * 24 * 60 * 60 * 1000);
  // One scrypt hash of a random secret nobody keeps, shared by the import's accounts: no password signs them in
  // until the student sets one with the code, and signing in to them costs the same scrypt work as any account.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const rows = candidates.map((c) => ({ ...c, userId: crypto.randomUUID(), code: newActivationCode() }));
  const [school] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, args.organisationId)).limit(1);
  try {
    await withTransaction(db, async (tx) => {
      // Re-checked under the write lock: another import may have taken a number or an account since the check.
      for (let i = 0; i < rows.length; i += chunkSize) {
        const numbers = rows.slice(i, i + chunkSize).map((r) => r.row.studentNumber);
        const [clash] = await tx
          .select({ n: rosterEntries.studentNumber })
          .from(rosterEntries)
          .where(and(eq(rosterEntries.schoolId, args.organisationId), inArray(rosterEntries.studentNumber, numbers)))
          .limit(1);
        if (clash) throw new ImportFileError("imports.error.changed");
      }
      if ((await takenIdentifiers(tx, rows)).size > 0) throw new ImportFileError("imports.error.changed");
      for (let i = 0; i < rows.length; i += chunkSize) {
        const chunk = rows.slice(i, i + chunkSize);
        await tx.insert(users).values(chunk.map((r) => ({ id: r.userId, name: r.row.name, email: r.row.email ?? null, mobile: r.row.mobile ?? null, role: "student" as const, passwordHash })));
        await tx.insert(studentProfiles).values(
          chunk.map((r) => ({ userId: r.userId, schoolId: args.organisationId, specialtyCode: r.specialtyCode, enrolmentYear: r.row.enrolmentYear, birthDate: r.row.birthDate })),
        );
        await tx
          .insert(rosterEntries)
          .values(chunk.map((r) => ({ schoolId: args.organisationId, studentNumber: r.row.studentNumber, userId: r.userId, className: r.row.className, importedBy: user.id })));
        await tx.insert(passwordResetCodes).values(chunk.map((r) => ({ id: crypto.randomUUID(), userId: r.userId, codeHash: digestResetCode(r.code), issuedBy: user.id, expiresAt })));
        progress(i + chunk.length, rows.length);
      }
      // Who imported how many students, never the codes.
      await audit(tx, {
        actorId: user.id,
        action: "roster.import",
        targetType: "organisation",
        targetId: args.organisationId,
        summary: school?.name ?? "",
        details: { created: rows.length, unchanged: result.unchanged, rows: result.total },
      });
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new ImportFileError("imports.error.changed");
    throw error;
  }
  return {
    ...result,
    committed: true,
    expiresAt,
    activations: rows.map((r) => ({
      line: r.line,
      studentNumber: r.row.studentNumber,
      name: r.row.name,
      className: r.row.className,
      specialtyName: r.specialtyName,
      account: r.row.email ?? r.row.mobile ?? "",
      code: r.code,
    })),
  };
}
