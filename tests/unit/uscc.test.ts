import { describe, expect, it } from "vitest";
import { usccCheckCharacter, usccProblem } from "@/server/accounts/uscc";
import { createRandom } from "@/db/random";
import { makeUscc } from "@/db/seed";

describe("USCC (GB 32100-2015)", () => {
  // Published codes from public business licences.
  it.each(["91350100M000100Y43", "91110108551385082Q", "91440300708461136T"])("accepts the real code %s", (code) => {
    expect(usccProblem(code)).toBeNull();
  });

  it("accepts lower case and surrounding spaces", () => {
    expect(usccProblem(" 91350100m000100y43 ")).toBeNull();
  });

  it("says when the check character is wrong", () => {
    expect(usccProblem("91350100M000100Y44")).toBe("checksum");
  });

  it("says when the length is wrong", () => {
    expect(usccProblem("91350100M000100Y4")).toBe("length");
    expect(usccProblem("")).toBe("length");
  });

  it("refuses letters the standard does not use", () => {
    expect(usccProblem("91350100M0001OOY43")).toBe("characters");
    expect(usccProblem("9135010AM000100Y43")).toBe("characters"); // region part must be digits
  });

  it("computes a check character that validates, for generated codes", () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) {
      const code = makeUscc("440106", random);
      expect(usccProblem(code)).toBeNull();
      expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });
});
