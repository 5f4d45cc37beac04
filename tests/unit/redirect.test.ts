import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/server/security/redirect";

/**
 * Values as the sign-in page receives them (`searchParams` is decoded once): `callbackUrl=/%5Cevil.example/x`
 * arrives as `/\evil.example/x`, which a browser follows to evil.example (issue 13 M1).
 */
describe("safeRedirectPath", () => {
  it.each([
    ["/\\evil.example/x", "?callbackUrl=/%5Cevil.example/x, decoded"],
    ["/%5Cevil.example/x", "the same, still encoded"],
    ["/\t/evil.example", "?callbackUrl=/%09/evil.example, decoded (a browser drops the tab)"],
    ["/%09/evil.example", "the same, still encoded"],
    ["/\n/evil.example", "newline"],
    ["//evil.example", "protocol-relative"],
    ["///evil.example", "three slashes"],
    ["/\\\\evil.example", "two backslashes"],
    ["\\\\evil.example", "backslashes only"],
    ["https://evil.example/home", "another origin"],
    ["http:evil.example", "scheme without slashes"],
    ["javascript:alert(1)", "javascript:"],
    ["JaVaScRiPt:alert(1)", "javascript: in mixed case"],
    ["data:text/html,<script>alert(1)</script>", "data:"],
    ["/a/..//evil.example", "a path that normalises to //evil.example"],
    ["/.//evil.example", "another path that normalises to //evil.example"],
    ["home", "a relative path"],
    ["", "empty"],
    ["%", "malformed encoding"],
  ])("refuses %j (%s)", (target) => {
    expect(safeRedirectPath(target, "/home")).toBe("/home");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(undefined)).toBe("/home");
    expect(safeRedirectPath(["/postings/1", "//evil.example"])).toBe("/home");
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/postings/3f2a?tab=apply#form")).toBe("/postings/3f2a?tab=apply#form");
    expect(safeRedirectPath("/search?q=%E8%BD%AF%E4%BB%B6")).toBe("/search?q=%E8%BD%AF%E4%BB%B6");
    expect(safeRedirectPath("/organisations/1/../2")).toBe("/organisations/2");
  });

  it("accepts an absolute URL of the site's own origin, as a path, and no other", () => {
    expect(safeRedirectPath("http://localhost:3000/home?x=1", "/", "http://localhost:3000")).toBe("/home?x=1");
    expect(safeRedirectPath("http://localhost:3001/home", "/", "http://localhost:3000")).toBe("/");
    expect(safeRedirectPath("http://localhost:3000.evil.example/", "/", "http://localhost:3000")).toBe("/");
  });
});
