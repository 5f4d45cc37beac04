import { describe, expect, it } from "vitest";
import { baseURL } from "./browser";

describe("health check", () => {
  it("answers 200 from the database, never from a cache", async () => {
    const res = await fetch(`${baseURL()}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("cache-control")).toContain("no-store");
  });
});
