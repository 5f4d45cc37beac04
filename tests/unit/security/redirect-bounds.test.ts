// The bounds of server/security/redirect.ts that tests/unit/redirect.test.ts leaves open (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/server/security/redirect";

describe("safeRedirectPath", () => {
  it("keeps a target of 2048 characters and refuses 2049", () => {
    const path = (n: number) => `/${"a".repeat(n - 1)}`;
    expect(safeRedirectPath(path(2048))).toBe(path(2048));
    expect(safeRedirectPath(path(2049))).toBe("/home");
  });

  it("keeps a path that merely ends with two slashes, and uses the fallback given", () => {
    expect(safeRedirectPath("/a//")).toBe("/a//");
    expect(safeRedirectPath("//evil.example", "/start")).toBe("/start");
    expect(safeRedirectPath("https://edubridge.example/x?y=1#z", "/start", "https://edubridge.example")).toBe("/x?y=1#z");
  });
});
