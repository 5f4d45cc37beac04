import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/db";
import { createEnterprise, createInvitationFor, createSchool, createStudent } from "../helpers/factories";
import { cvPath, cvProblem, maxCvBytes, readCv, saveCv } from "@/server/students/cv";
import { createContext } from "@/server/trpc";

const pdf = (size = 400) => {
  const body = Buffer.alloc(size, 0x20);
  body.write("%PDF-1.4\n", 0, "latin1");
  body.write("\n%%EOF\n", size - 7, "latin1");
  return new Uint8Array(body);
};

beforeAll(() => {
  // Attachments go beside the database: a temporary folder for this file's tests.
  process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "edubridge-cv-")), "test.db");
});

describe("CV attachments", () => {
  it("are accepted by content and size, not by name", () => {
    expect(cvProblem(pdf())).toBeNull();
    expect(cvProblem(new TextEncoder().encode("<html><script>alert(1)</script></html>"))).toBe("errors.cvType");
    const renamedPng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(cvProblem(renamedPng)).toBe("errors.cvType");
    expect(cvProblem(pdf(maxCvBytes))).toBeNull();
    expect(cvProblem(pdf(maxCvBytes + 1))).toBe("errors.cvSize");
  });

  it("are stored outside the public folder and served only to those allowed", async () => {
    const db = createTestDb();
    const school = await createSchool(db);
    const student = await createStudent(db, (await createInvitationFor(db, school)).code);
    expect(saveCv(db, student.userId, "../../etc/我的简历.pdf", pdf())).toBeNull();
    expect(cvPath(student.userId).startsWith(path.join(process.cwd(), "public"))).toBe(false);
    expect(fs.existsSync(cvPath(student.userId))).toBe(true);

    const as = async (userId: string) => (await createContext({ db, userId })).user!;
    const own = await readCv(db, await as(student.userId), student.userId);
    expect(own?.fileName).toBe("我的简历.pdf");
    expect((await readCv(db, await as(school.userId), student.userId))?.bytes.byteLength).toBe(400);
    const enterprise = await createEnterprise(db);
    expect(await readCv(db, await as(enterprise.userId), student.userId)).toBeNull();
    expect(saveCv(db, student.userId, "evil.pdf", new TextEncoder().encode("MZ not a pdf"))).toBe("errors.cvType");
    expect((await readCv(db, await as(student.userId), student.userId))?.bytes.byteLength).toBe(400);
  });
});
