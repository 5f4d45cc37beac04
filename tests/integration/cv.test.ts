import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/db";
import { createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";
import { eq } from "drizzle-orm";
import { cvPath, cvProblem, legacyCvFolder, maxCvBytes, moveDiskCvsIntoDatabase, readCv, removeCv, saveCv } from "@/server/students/cv";
import { studentProfiles, tables } from "@/db/schema";
import { createSqliteDb, type Db } from "@/db/create";
import { configuredEngine } from "@/db/engine";
import { prepareDatabase } from "../../scripts/prepare-db";
import { createContext } from "@/server/trpc";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { setsOwnPolicy, uploadedPdfHeaders } from "@/server/security/headers";

/** A real PDF: one page with a line of text, changed by `tamper` before saving (object streams by default). */
async function makePdf(tamper?: (doc: PDFDocument) => void | Promise<void>, options: { useObjectStreams?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText("CV", { x: 20, y: 150, font: await doc.embedFont(StandardFonts.Helvetica) });
  await tamper?.(doc);
  return doc.save({ useObjectStreams: options.useObjectStreams ?? true });
}
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** A real one-page PDF made by pdf-lib (see beforeAll), padded with line ends after its %%EOF up to `size` bytes. */
let cleanPdf: Uint8Array;
const pdf = (size = 4000) => {
  const body = Buffer.alloc(size, 0x0a);
  body.set(cleanPdf.subarray(0, size));
  return new Uint8Array(body);
};

/** The bytes held for the student in the database, if any. */
const storedCv = async (db: Db, userId: string) => (await db.select().from(tables.studentCvs).where(eq(tables.studentCvs.userId, userId)))[0]?.content;
const profileCv = async (db: Db, userId: string) =>
  (await db.select({ cvFileName: studentProfiles.cvFileName, cvFileSize: studentProfiles.cvFileSize }).from(studentProfiles).where(eq(studentProfiles.userId, userId)))[0]!;

beforeAll(async () => {
  cleanPdf = await makePdf();
  expect(cleanPdf.byteLength).toBeLessThan(4000);
  // The folder old versions wrote CVs to (beside DATABASE_PATH): a temporary one for this file's tests.
  process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-cv-")), "test.db");
});

describe("CV attachments", () => {
  it("are accepted by content and size, not by name", async () => {
    expect(await cvProblem(pdf())).toBeNull();
    expect(await cvProblem(new TextEncoder().encode("<html><script>alert(1)</script></html>"))).toBe("errors.cvType");
    const renamedPng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await cvProblem(renamedPng)).toBe("errors.cvType");
    expect(await cvProblem(pdf(maxCvBytes))).toBeNull();
    expect(await cvProblem(pdf(maxCvBytes + 1))).toBe("errors.cvSize");
  });

  it("are stored in the database, not on disk, and served only to those allowed", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await saveCv(db, student.userId, "../../etc/我的简历.pdf", pdf())).toBeNull();
    expect(fs.existsSync(cvPath(student.userId))).toBe(false);
    expect((await storedCv(db, student.userId))?.byteLength).toBe(4000);

    const as = async (userId: string) => (await createContext({ db, userId })).user!;
    const own = await readCv(db, await as(student.userId), student.userId);
    expect(own?.fileName).toBe("我的简历.pdf");
    // A long name keeps its last 100 characters, not code units: a pair cut in half would be stored as U+FFFD.
    expect(await saveCv(db, student.userId, `${"𠮷".repeat(120)}x.pdf`, pdf())).toBeNull();
    expect((await readCv(db, await as(student.userId), student.userId))?.fileName).toBe(`${"𠮷".repeat(95)}x.pdf`);
    expect(await saveCv(db, student.userId, "../../etc/我的简历.pdf", pdf())).toBeNull();
    expect((await readCv(db, await as(school.userId), student.userId))?.bytes.byteLength).toBe(4000);
    const enterprise = await createEnterprise(db);
    expect(await readCv(db, await as(enterprise.userId), student.userId)).toBeNull();
    expect(await saveCv(db, student.userId, "evil.pdf", new TextEncoder().encode("MZ not a pdf"))).toBe("errors.cvType");
    expect((await readCv(db, await as(student.userId), student.userId))?.bytes.byteLength).toBe(4000);
  });

  it("are replaced whole, read back byte for byte by the school, and removed from the database", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    const as = async (userId: string) => (await createContext({ db, userId })).user!;
    const first = pdf(4000);
    const second = await makePdf((doc) => void doc.addPage([200, 100]));
    expect(await saveCv(db, student.userId, "一.pdf", first)).toBeNull();
    expect(await saveCv(db, student.userId, "二.pdf", second)).toBeNull();
    const read = await readCv(db, await as(school.userId), student.userId);
    expect(read?.fileName).toBe("二.pdf");
    expect(Buffer.compare(Buffer.from(read!.bytes), Buffer.from(second))).toBe(0);
    expect(await db.select().from(tables.studentCvs)).toHaveLength(1);
    expect((await profileCv(db, student.userId)).cvFileSize).toBe(second.byteLength);

    await removeCv(db, student.userId);
    expect(await readCv(db, await as(school.userId), student.userId)).toBeNull();
    expect(await storedCv(db, student.userId)).toBeUndefined();
    expect(await profileCv(db, student.userId)).toEqual({ cvFileName: null, cvFileSize: null });
  });

  it("refuses a file over the cap with nothing written, keeping the earlier one", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await saveCv(db, student.userId, "大.pdf", pdf(maxCvBytes + 1))).toBe("errors.cvSize");
    expect(await storedCv(db, student.userId)).toBeUndefined();
    expect(await profileCv(db, student.userId)).toEqual({ cvFileName: null, cvFileSize: null });
    // The cap itself is accepted, stored whole; a larger one afterwards leaves it as it was.
    expect(await saveCv(db, student.userId, "满.pdf", pdf(maxCvBytes))).toBeNull();
    expect(await saveCv(db, student.userId, "大.pdf", pdf(maxCvBytes + 1))).toBe("errors.cvSize");
    expect((await storedCv(db, student.userId))?.byteLength).toBe(maxCvBytes);
    expect(await profileCv(db, student.userId)).toEqual({ cvFileName: "满.pdf", cvFileSize: maxCvBytes });
  });

  it("left on disk by an earlier version are moved into the database once, and the disk copy removed", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const as = async (userId: string) => (await createContext({ db, userId })).user!;
    const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-cv-move-")), "edubridge.db");
    // Written the old way: the file under uploads/cv beside the database, the name and size on the profile.
    const oldSave = async (userId: string, bytes: Uint8Array, fileName = "旧简历.pdf") => {
      fs.mkdirSync(legacyCvFolder(databasePath), { recursive: true });
      fs.writeFileSync(cvPath(userId, databasePath), bytes);
      await db.update(studentProfiles).set({ cvFileName: fileName, cvFileSize: bytes.byteLength, cvUploadedAt: new Date() }).where(eq(studentProfiles.userId, userId));
    };
    const onDisk = await createStudent(db, (await createInvitationFor(db, school)).code);
    const old = await makePdf((doc) => void doc.addPage([123, 45]));
    await oldSave(onDisk.userId, old);
    expect(await readCv(db, await as(school.userId), onDisk.userId)).toBeNull();
    // Uploaded again since (through another instance): the database copy wins over the stale file.
    const reuploaded = await createStudent(db, (await createInvitationFor(db, school)).code);
    await oldSave(reuploaded.userId, old);
    expect(await saveCv(db, reuploaded.userId, "新.pdf", pdf())).toBeNull();
    // Removed since (the profile no longer names a CV): the file is only deleted.
    const removed = await createStudent(db, (await createInvitationFor(db, school)).code);
    fs.writeFileSync(cvPath(removed.userId, databasePath), old);
    fs.writeFileSync(`${cvPath(onDisk.userId, databasePath)}.123.tmp`, old.subarray(0, 10));

    expect(await moveDiskCvsIntoDatabase(db, databasePath)).toEqual({ moved: 1, removed: 2 });
    expect(fs.existsSync(legacyCvFolder(databasePath))).toBe(false);
    const served = await readCv(db, await as(school.userId), onDisk.userId);
    expect(served?.fileName).toBe("旧简历.pdf");
    expect(Buffer.compare(Buffer.from(served!.bytes), Buffer.from(old))).toBe(0);
    expect((await readCv(db, await as(school.userId), reuploaded.userId))?.bytes.byteLength).toBe(4000);
    expect(await storedCv(db, removed.userId)).toBeUndefined();
    // Once: a second start finds nothing to move.
    expect(await moveDiskCvsIntoDatabase(db, databasePath)).toEqual({ moved: 0, removed: 0 });
  });

  // On PostgreSQL the move runs when an instance prepares its own DATABASE_URL (the test template is prepared apart).
  it.skipIf(configuredEngine() === "postgres")("are moved by the start-up preparation of a SQLite database", async () => {
    const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-cv-start-")), "edubridge.db");
    await prepareDatabase(databasePath, { demo: false, quiet: true });
    let db = createSqliteDb(databasePath);
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    const old = await makePdf();
    fs.mkdirSync(legacyCvFolder(databasePath), { recursive: true });
    fs.writeFileSync(cvPath(student.userId, databasePath), old);
    await db.update(studentProfiles).set({ cvFileName: "旧.pdf", cvFileSize: old.byteLength }).where(eq(studentProfiles.userId, student.userId));
    db.$client.close();

    await prepareDatabase(databasePath, { demo: false, quiet: true });
    expect(fs.existsSync(cvPath(student.userId, databasePath))).toBe(false);
    db = createSqliteDb(databasePath);
    const served = await readCv(db, (await createContext({ db, userId: school.userId })).user!, student.userId);
    expect(Buffer.compare(Buffer.from(served!.bytes), Buffer.from(old))).toBe(0);
    db.$client.close();
  });
});

describe("CV files are parsed as PDFs and refused when they carry code, files or anything else", () => {
  const javascriptOnOpen = (doc: PDFDocument) => {
    doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of("app.alert('x')") }));
  };

  it("accepts a clean PDF, also one that opens at its first page", async () => {
    expect(await cvProblem(await makePdf())).toBeNull();
    expect(await cvProblem(await makePdf(undefined, { useObjectStreams: false }))).toBeNull();
    const atFirstPage = await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj([doc.getPage(0).ref, "Fit"])));
    expect(await cvProblem(atFirstPage)).toBeNull();
    // Bytes inside stream data (an image, a font) that happen to spell a forbidden name are not names.
    const imageLike = await makePdf((doc) => void doc.context.register(doc.context.stream("\x00/JS /JavaScript /Launch\xff", { Type: "XObject", Subtype: "Image" })), { useObjectStreams: false });
    expect(latin1(imageLike)).toContain("/JavaScript /Launch");
    expect(await cvProblem(imageLike)).toBeNull();
  });

  it("refuses JavaScript run on opening, found inside compressed object streams and behind hex-escaped names", async () => {
    const compressed = await makePdf(javascriptOnOpen);
    // The action sits in a compressed object stream: a search of the raw bytes cannot see it, the parser does.
    expect(latin1(compressed)).not.toContain("JavaScript");
    expect(await cvProblem(compressed)).toBe("errors.cvScript");
    const plain = latin1(await makePdf(javascriptOnOpen, { useObjectStreams: false }));
    expect(plain).toContain("/JavaScript");
    const escaped = new Uint8Array(Buffer.from(plain.replace("/JavaScript", "/J#61vaScr#69pt").replace("/JS ", "/J#53 "), "latin1"));
    expect(latin1(escaped)).not.toMatch(/\/JavaScript|\/JS\b/);
    expect(await cvProblem(escaped)).toBe("errors.cvScript");
    // A page's additional actions (/AA) with a script, too.
    const pageScript = await makePdf((doc) => doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj({ O: { S: "JavaScript", JS: PDFString.of("1") } })));
    expect(await cvProblem(pageScript)).toBe("errors.cvScript");
  });

  it("refuses a launch action, an embedded file, XFA forms and other actions run on opening", async () => {
    const launch = await makePdf((doc) => {
      const link = doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 100, 100], A: { S: "Launch", F: PDFString.of("calc.exe") } });
      doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
    });
    expect(await cvProblem(launch)).toBe("errors.cvLaunch");
    const attached = await makePdf((doc) => doc.attach(new TextEncoder().encode("MZ payload"), "payload.exe", { mimeType: "application/octet-stream" }));
    expect(await cvProblem(attached)).toBe("errors.cvEmbeddedFile");
    const xfa = await makePdf((doc) => doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [], XFA: doc.context.register(doc.context.stream("<xdp:xdp/>")) })));
    expect(await cvProblem(xfa)).toBe("errors.cvActiveContent");
    const richMedia = await makePdf((doc) => {
      const annotation = doc.context.obj({ Type: "Annot", Subtype: "RichMedia", Rect: [0, 0, 10, 10] });
      doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annotation)]));
    });
    expect(await cvProblem(richMedia)).toBe("errors.cvActiveContent");
    const openLink = await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ S: "URI", URI: PDFString.of("http://evil.example/") })));
    expect(await cvProblem(openLink)).toBe("errors.cvAutoAction");
  });

  it("refuses an HTML polyglot, garbage between %PDF- and %%EOF, a truncated file and an encrypted one", async () => {
    const clean = latin1(await makePdf());
    const html = "<html><body><script>alert(document.cookie)</script></body></html>\n";
    expect(await cvProblem(new Uint8Array(Buffer.from(html + clean, "latin1")))).toBe("errors.cvPolyglot");
    expect(await cvProblem(new Uint8Array(Buffer.from(clean + html, "latin1")))).toBe("errors.cvPolyglot");
    expect(await cvProblem(new Uint8Array(Buffer.from(`%PDF-1.7\n%${html}`.padEnd(600, " ") + clean.slice(9), "latin1")))).toBe("errors.cvPolyglot");
    const garbage = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)), Buffer.from("\n%%EOF\n")]);
    expect(await cvProblem(new Uint8Array(garbage))).toBe("errors.cvMalformed");
    expect(await cvProblem(new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1")))).toBe("errors.cvMalformed");
    const plain = latin1(await makePdf(undefined, { useObjectStreams: false }));
    expect(await cvProblem(new Uint8Array(Buffer.from(plain.slice(0, plain.indexOf("/Type /Pages")) + "\n%%EOF\n", "latin1")))).toBe("errors.cvMalformed");
    expect(await cvProblem(new Uint8Array(Buffer.from(clean.slice(0, 200), "latin1")))).toBe("errors.cvMalformed");
    const encrypted = plain.replace(/trailer\s*<</, (m) => `${m}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`);
    expect(encrypted).toContain("/Encrypt");
    expect(await cvProblem(new Uint8Array(Buffer.from(encrypted, "latin1")))).toBe("errors.cvEncrypted");
  });

  it("stores nothing when refused and keeps the earlier CV", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await saveCv(db, student.userId, "简历.pdf", pdf())).toBeNull();
    expect(await saveCv(db, student.userId, "简历.pdf", await makePdf(javascriptOnOpen))).toBe("errors.cvScript");
    expect((await storedCv(db, student.userId))?.byteLength).toBe(4000);
  });

  it("are served to others as a sandboxed download, and inline only to the student", () => {
    const others = uploadedPdfHeaders("我的简历.pdf", { inline: false });
    expect(others["content-disposition"]).toBe(`attachment; filename="cv.pdf"; filename*=UTF-8''${encodeURIComponent("我的简历.pdf")}`);
    expect(others["x-content-type-options"]).toBe("nosniff");
    expect(others["content-security-policy"]).toBe("sandbox; default-src 'none'");
    expect(others["content-type"]).toBe("application/pdf");
    const own = uploadedPdfHeaders("我的简历.pdf", { inline: true });
    expect(own["content-disposition"]).toMatch(/^inline;/);
    expect(own["x-content-type-options"]).toBe("nosniff");
    expect(own["content-security-policy"]).toContain("script-src 'none'");
    // proxy.ts leaves the policy of these responses to the route (Next.js would drop the route's own otherwise).
    expect(setsOwnPolicy("/api/students/0b0c3c9e-8f0e-4f7e-9a55-0a8c1f0e2d11/cv")).toBe(true);
    expect(setsOwnPolicy("/api/students/x/cv/../../trpc")).toBe(false);
    expect(setsOwnPolicy("/profile/edit")).toBe(false);
  });
});
