import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** A real one-page PDF: the upload parses the file, so a hand-written stub no longer passes. */
let pdf: Buffer;
beforeAll(async () => {
  browser = await launchBrowser({ mobile: true });
  const document = await PDFDocument.create();
  document.addPage([300, 200]).drawText("Zhang Xiaoming CV");
  pdf = Buffer.from(await document.save());
});
afterAll(async () => {
  await browser?.close();
});

describe("a student's CV attachment, on a phone", () => {
  it("takes a PDF, refuses a renamed non-PDF by its content, and serves the file only to those allowed", async () => {
    const p = await browser.context.newPage();
    await login(p, "student");
    await p.goto("/profile/edit");
    await p.getByLabel("技能特长").fill("Java、MySQL、Vue");
    await p.getByLabel("证书").fill("1+X Web 前端开发（中级）\n全国计算机等级考试二级");
    await p.getByRole("button", { name: "保存" }).click();
    await p.waitForURL("**/profile");
    expect(await p.locator("main").textContent()).toContain("1+X Web 前端开发（中级）、全国计算机等级考试二级");

    await p.goto("/profile/edit");
    await p.getByLabel("上传简历（PDF）").setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("<script>alert(1)</script>") });
    await p.getByText("简历附件须为 PDF 文件").waitFor();
    await p.getByLabel("上传简历（PDF）").setInputFiles({ name: "张小明简历.pdf", mimeType: "application/pdf", buffer: pdf });
    const link = p.getByRole("link", { name: /已上传：张小明简历.pdf/ });
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    const own = await p.request.get(href);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await own.body()).equals(pdf)).toBe(true);

    // The student's school reads it as a download in a sandbox, never as a page of ours.
    await browser.context.clearCookies();
    await login(p, "school");
    const bySchool = await p.request.get(href);
    expect(bySchool.status()).toBe(200);
    expect(bySchool.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(bySchool.headers()["content-security-policy"]).toMatch(/^sandbox/);
    expect(bySchool.headers()["x-content-type-options"]).toBe("nosniff");

    // Signed out, the same address gives nothing away.
    await browser.context.clearCookies();
    expect((await p.request.get(href)).status()).toBe(404);
    // The page fits the phone's width.
    await login(p, "student");
    await p.goto("/profile/edit");
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it("keeps the new pages within a phone's width for students and school staff", async () => {
    const p = await browser.context.newPage();
    const fits = async (path: string) => {
      await p.goto(path);
      await p.locator("main h1").first().waitFor();
      return { path, fits: await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth) };
    };
    await browser.context.clearCookies();
    await login(p, "student");
    const results = [await fits("/my/applications"), await fits("/notifications"), await fits("/home")];
    await browser.context.clearCookies();
    await login(p, "school");
    await p.goto("/my/placements");
    await p.waitForURL("**/organisations/*/placements");
    const placements = new URL(p.url()).pathname;
    results.push(await fits(placements), await fits(placements.replace("/placements", "/reports")), await fits(placements.replace("/placements", "/cooperation")), await fits("/reports"));
    await p.goto(placements);
    await p.getByTestId("placement-row").first().getByRole("link").click();
    await p.locator("main h1").waitFor();
    results.push({ path: "placement page", fits: await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth) });
    expect(results.filter((r) => !r.fits)).toEqual([]);
  });
});
