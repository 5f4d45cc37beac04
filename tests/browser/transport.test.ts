import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseURL, launchBrowser, login } from "./browser";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const trpc = (path: string) => `${baseURL()}/api/trpc/${path}`;

/** One credentials sign-in over HTTP, as a script would send it; returns where Auth.js sends the client. */
async function signInAttempt(identifier: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${baseURL()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseURL()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: `${baseURL()}/home` }),
  });
  return res.headers.get("location") ?? "";
}

describe("the served /api/trpc route and sign-in, over HTTP", () => {
  it("refuses forms and multipart bodies (415), batches over ten calls (400) and cross-site mutations (403)", async () => {
    const form = new FormData();
    form.set("postingId", "00000000-0000-4000-8000-000000000000");
    expect((await fetch(trpc("applications.submit"), { method: "POST", body: form })).status).toBe(415);
    expect((await fetch(trpc("applications.submit"), { method: "POST", body: new URLSearchParams({ a: "1" }) })).status).toBe(415);

    const batch = (n: number) => trpc(`${Array.from({ length: n }, () => "organisations.stats").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);
    expect((await fetch(batch(10))).status).toBe(200);
    const tooMany = await fetch(batch(11));
    expect(tooMany.status).toBe(400);

    const json = { "content-type": "application/json" };
    const body = JSON.stringify({ json: { postingId: "00000000-0000-4000-8000-000000000000", coverNote: "" } });
    expect((await fetch(trpc("applications.submit"), { method: "POST", headers: { ...json, origin: "https://evil.example" }, body })).status).toBe(403);
    expect((await fetch(trpc("applications.submit"), { method: "POST", headers: { ...json, "sec-fetch-site": "cross-site" }, body })).status).toBe(403);
    // The site's own origin reaches the procedure (which then wants a signed-in student).
    expect((await fetch(trpc("applications.submit"), { method: "POST", headers: { ...json, origin: baseURL() }, body })).status).toBe(401);
  });

  it("does not believe a client's X-Forwarded-For: changing it does not reset the sign-in delay", async () => {
    const locations: string[] = [];
    for (let i = 0; i < 5; i++) locations.push(await signInAttempt("spoofer-target@example.cn", `wrong-${i}`, { "x-forwarded-for": `203.0.113.${i + 1}` }));
    // Three failures are free; after them the same connection is told to wait, whatever address it claims.
    expect(locations.slice(0, 3).every((l) => l.includes("error=CredentialsSignin") && !l.includes("rate_limited"))).toBe(true);
    expect(locations[4]).toMatch(/code=rate_limited_\d+/);
  });

  it("after signing in, goes only to a path of this site, whatever callbackUrl says", async () => {
    const p = await browser.context.newPage();
    for (const callbackUrl of ["/%5Cevil.example/x", "/%09/evil.example", "//evil.example", "https://evil.example/x"]) {
      await browser.context.clearCookies();
      await p.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await login(p, "student", { navigate: false });
      expect(new URL(p.url()).origin, callbackUrl).toBe(new URL(baseURL()).origin);
    }
  });
});
