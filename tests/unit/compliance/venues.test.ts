import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPosting } from "@/server/compliance/posting";
import { checkIndustry } from "@/server/compliance/rules";
import { bannedVenues } from "@/server/compliance/venues";
import { postingInput } from "@/server/schemas/postings";
import { placementInput } from "../../helpers/factories";

const industries = new Map(
  (JSON.parse(fs.readFileSync(path.resolve("db/reference/industries.json"), "utf8")) as { code: string; name: string; level: string }[]).map((i) => [i.code, i]),
);
const today = "2027-01-10";

describe("the banned venues, as data", () => {
  it("names every place of 第十六条（五）（六）", () => {
    const places = bannedVenues.map((v) => v.placeZh).join("、");
    for (const place of ["酒吧", "夜总会", "歌厅", "洗浴中心", "电子游戏厅", "网吧", "中介机构"]) expect(places).toContain(place);
  });

  it("uses GB/T 4754-2017 classes with their names as in db/reference/industries.json", () => {
    for (const v of bannedVenues) {
      expect(industries.get(v.code), v.code).toMatchObject({ name: v.nameZh, level: "class" });
      expect(v.source).toContain(v.code);
    }
  });
});

describe.each(bannedVenues.map((v) => [v.code, v.nameZh, v.kind] as const))("class %s %s", (code, name, kind) => {
  it("is refused as the posting's industry", () => {
    const v = checkIndustry(code)!;
    expect(v.rule).toBe("bannedIndustry");
    expect(v.zh).toContain(code);
    expect(v.zh).toContain(name);
    expect(v.zh).toContain(kind === "venue" ? "营业性娱乐场所" : "中介");
    const rules = checkPosting(postingInput.parse(placementInput({ industryCode: code })), { staffCount: 200, industryCode: "6513", otherInternSeats: 0 }, today).map((x) => x.rule);
    expect(rules).toContain("bannedIndustry");
  });

  it("is refused as the host's own industry, whatever the posting says", () => {
    const found = checkPosting(postingInput.parse(placementInput({ industryCode: "6513" })), { staffCount: 200, industryCode: code, otherInternSeats: 0 }, today);
    expect(found.find((x) => x.rule === "bannedIndustry")?.zh).toContain(code);
  });
});

describe("neighbours of banned classes stay allowed", () => {
  it.each(["6231", "6232", "8053", "7261", "9020", "6513"])("allows %s", (code) => {
    expect(checkIndustry(code)).toBeNull();
  });
  it("refuses the 中类 that hides a banned class (623 holds 酒吧服务)", () => {
    expect(checkIndustry("623")?.zh).toContain("6233");
  });
});
