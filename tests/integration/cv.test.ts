import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/db";
import { createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";
import { cvPath, cvProblem, maxCvBytes, readCv, saveCv } from "@/server/students/cv";
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

beforeAll(async () => {
  cleanPdf = await makePdf();
  expect(cleanPdf.byteLength).toBeLessThan(4000);
  // Attachments go beside the database: a temporary folder for this file's tests.
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

  it("are stored outside the public folder and served only to those allowed", async () => {
    const db = await createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(await saveCv(db, student.userId, "../../etc/我的简历.pdf", pdf())).toBeNull();
    expect(cvPath(student.userId).startsWith(path.join(process.cwd(), "public"))).toBe(false);
    expect(fs.existsSync(cvPath(student.userId))).toBe(true);

    const as = async (userId: string) => (await createContext({ db, userId })).user!;
    const own = await readCv(db, await as(student.userId), student.userId);
    expect(own?.fileName).toBe("我的简历.pdf");
    expect((await readCv(db, await as(school.userId), student.userId))?.bytes.byteLength).toBe(4000);
    const enterprise = await createEnterprise(db);
    expect(await readCv(db, await as(enterprise.userId), student.userId)).toBeNull();
    expect(await saveCv(db, student.userId, "evil.pdf", new TextEncoder().encode("MZ not a pdf"))).toBe("errors.cvType");
    expect((await readCv(db, await as(student.userId), student.userId))?.bytes.byteLength).toBe(4000);
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
    expect(fs.readFileSync(cvPath(student.userId)).byteLength).toBe(4000);
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
