import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("security headers and sign-in limits", () => {
  it("send a nonce-based content security policy, frame denial and no-sniff on pages and API routes", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/search", "/sign-in", "/sign-up/student", "/api/trpc/organisations.stats", "/no-such-page"]) {
      const res = await fetch(`${baseURL()}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      nonces.add(/nonce-([^']+)/.exec(csp)![1]!);
    }
    // A fresh nonce per response.
    expect(nonces.size).toBe(6);
  });

  it("let a shared cache keep signed-out public pages for a minute, and keep everything personal out of it", async () => {
    // As a browser asks for a page (a document), signed out or with a session cookie.
    const cacheControl = async (path: string, cookie?: string) => (await fetch(`${baseURL()}${path}`, { headers: { accept: "text/html,application/xhtml+xml", ...(cookie ? { cookie } : {}) } })).headers.get("cache-control");
    const shared = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
    const p = await browser.context.newPage();
    await p.goto("/search");
    const postingPath = new URL(await p.locator('a[href^="/postings/"]').first().evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    for (const path of ["/", "/search", postingPath]) expect(await cacheControl(path), path).toBe(shared);
    for (const path of ["/sign-in", "/home"]) expect(await cacheControl(path), path).toMatch(/private.*no-store|no-store.*private/);
    // A client navigation's payload of the same page is not kept: a language switch refreshes it with another cookie.
    expect((await fetch(`${baseURL()}/`, { headers: { rsc: "1", accept: "*/*" } })).headers.get("cache-control")).toBe("private, no-store");
    // The same public pages, signed in, are the reader's own.
    await login(p, "student");
    const session = (await browser.context.cookies()).filter((c) => c.name.includes("authjs.session-token")).map((c) => `${c.name}=${c.value}`).join("; ");
    expect(session).not.toBe("");
    for (const path of ["/", "/search", postingPath]) expect(await cacheControl(path, `locale=zh-CN; ${session}`), path).toBe("private, no-store");
    await p.close();
  });

  it("keeps pages working under the policy and tells a person slowed down by failed sign-ins how many seconds to wait", async () => {
    const p = await browser.context.newPage();
    const violations: string[] = [];
    p.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) violations.push(m.text());
    });
    await p.goto("/sign-in");
    const submit = p.getByRole("button", { name: "登录", exact: true });
    const attempt = async (i: number) => {
      await p.getByLabel("邮箱或手机号").fill("nobody-here@example.cn");
      await p.getByLabel("密码").fill(`wrong-pass-${i}`);
      // The button is disabled while a sign-in is on its way, so each click waits for the previous answer.
      await submit.click();
    };
    // Three failures are free; the fourth is told to wait a few seconds (growing, capped), never minutes.
    for (let i = 0; i < 3; i++) {
      await attempt(i);
      await p.getByText("账号或密码不正确").waitFor();
    }
    await attempt(3);
    await p.getByText(/尝试过于频繁，请 \d+ 秒后再试/).waitFor();
    expect(violations).toEqual([]);
  });
});
