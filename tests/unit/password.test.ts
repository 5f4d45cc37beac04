import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/accounts/password";
import { password } from "@/server/schemas/common";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("Abcdef12");
    expect(hash.startsWith("scrypt$16384$8$1$")).toBe(true);
    expect(await verifyPassword("Abcdef12", hash)).toBe(true);
    expect(await verifyPassword("Abcdef13", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("Abcdef12")).not.toBe(await hashPassword("Abcdef12"));
  });

  it("refuses malformed stored hashes", async () => {
    expect(await verifyPassword("x", "plain")).toBe(false);
  });
});

describe("password rules", () => {
  it.each([
    ["short1", "errors.passwordShort"],
    ["abcdefgh", "errors.passwordWeak"],
    ["12345678", "errors.passwordWeak"],
    ["Password1", "errors.passwordCommon"],
  ])("refuses %s with %s", (value, message) => {
    const result = password.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("accepts letters with digits of 8 or more", () => {
    expect(password.safeParse("qiaoliang2026").success).toBe(true);
  });
});
