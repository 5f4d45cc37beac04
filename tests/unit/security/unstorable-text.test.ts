import { describe, expect, it } from "vitest";
import { signInInput } from "@/server/schemas/accounts";
import { storableIn, storableText, unstorableText, unstorableTextIn } from "@/server/security/unstorable-text";

describe("text no database stores as written", () => {
  it("is U+0000 or an unpaired surrogate half, not a whole pair", () => {
    expect(["", "张三", "𠮷野家", "\uFEFF", "\u202Eevil", "a\u0001b"].map(unstorableText)).toEqual([null, null, null, null, null, null]);
    expect(["a\u0000b", "\u0000"].map(unstorableText)).toEqual(["errors.nulCharacter", "errors.nulCharacter"]);
    // A high half alone, at the end, before another high half; a low half alone, at the start.
    expect(["\uD800", "x\uDBFF", "\uD800\uD800\uDC00", "\uDC00x", "\uDFFF"].map(unstorableText)).toEqual(Array(5).fill("errors.loneSurrogate"));
  });

  it("is found anywhere in an input, keys included, and replaced by U+FFFD for logging", () => {
    expect(unstorableTextIn({ a: [{ b: "ok" }, { c: "x\uD800" }] })).toBe("errors.loneSurrogate");
    expect(unstorableTextIn({ "k\u0000": 1 })).toBe("errors.nulCharacter");
    expect(unstorableTextIn([["status", "draft"], ["q", "𠮷"]])).toBeNull();
    expect(storableText("a\u0000b\uD800c𠮷")).toBe("a\uFFFDb\uFFFDc𠮷");
    expect(storableIn(Object.fromEntries(new URLSearchParams("format=csv&from=%00&x%00=1")))).toEqual({ format: "csv", from: "\uFFFD", "x\uFFFD": "1" });
  });

  it("is refused by the sign-in form's schema, which Auth.js parses outside tRPC", () => {
    const refused = (identifier: string) => signInInput.safeParse({ identifier, password: "x" }).error?.issues.map((i) => i.message);
    expect(refused("someone\u0000@example.cn")).toEqual(["errors.nulCharacter"]);
    expect(refused("someone\uD800@example.cn")).toEqual(["errors.loneSurrogate"]);
    expect(refused("someone@example.cn")).toBeUndefined();
  });
});
