import { describe, expect, it } from "vitest";
import { usccCheckCharacter, usccProblem } from "@/server/accounts/uscc";
import { createRandom } from "@/db/random";
import { makeUscc } from "@/scripts/seed/seed";

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

  // The check character of published codes, not one our own helper produced: the formula is tested against
  // the world (Huawei, Alibaba and Tencent licences among them), so a wrong weight or alphabet fails here.
  it.each([
    ["91350100M000100Y4", "3"],
    ["91110108551385082", "Q"],
    ["91440300708461136", "T"],
    ["91440300192203821", "6"],
    ["91330100716105852", "F"],
    ["9144030071526726X", "G"],
  ])("computes the published check character of %s as %s", (first17, check) => {
    expect(usccCheckCharacter(first17)).toBe(check);
  });

  it("notices any single changed character of a real code", () => {
    const code = "91440300192203821" + "6";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let changed = 0;
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code.charAt(i)) continue;
        const mutated = code.slice(0, i) + c + code.slice(i + 1);
        expect(usccProblem(mutated), mutated).not.toBeNull();
        changed++;
      }
    }
    expect(changed).toBe(18 * 30);
  });

  it("generates codes (demo data) that the check accepts", () => {
    const random = createRandom(1);
    for (let i = 0; i < 200; i++) expect(usccProblem(makeUscc("440106", random))).toBeNull();
  });
});
