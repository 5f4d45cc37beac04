import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a student and an enterprise's data", () => {
  it("cannot open the enterprise's edit page nor call its update procedure", async () => {
    // Find the demo enterprise's id as its owner sees it.
    await browser.context.clearCookies();
    const owner = await browser.context.newPage();
    await login(owner, "enterprise");
    const editLink = await owner.getByRole("link", { name: "编辑资料" }).first().getAttribute("href");
    const organisationId = editLink!.split("/")[2]!;
    await owner.close();

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await login(page, "student");
    await page.goto(`/organisations/${organisationId}/edit`);
    await page.getByTestId("not-allowed").waitFor();
    expect(await page.getByLabel("企业名称").count()).toBe(0);

    // Calling the procedure directly with the student's session is refused by the server.
    const status = await page.evaluate(async (id) => {
      const body = { json: { organisationId: id, kind: "enterprise", name: "被篡改的名称", regionCode: "440106", address: "某地 1 号", description: "", industryCode: "6513", staffCount: 10, integrationCertified: false } };
      const res = await fetch("/api/trpc/organisations.update", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    }, organisationId);
    expect(status.status).toBe(403);
    expect(status.text).toContain("你不是该机构的成员");

    // And the public page still shows the real name.
    await page.goto(`/organisations/${organisationId}`);
    expect(await page.locator("h1").textContent()).not.toBe("被篡改的名称");
    await page.close();
  });

  it("sends an anonymous visitor of a signed-in page to sign in", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto("/profile");
    await page.waitForURL("**/sign-in?callbackUrl=%2Fprofile");
    await page.close();
  });
});
