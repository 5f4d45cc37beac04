import { describe, expect, it } from "vitest";
import { checkFeeWords, feeFlagsOf, findFeePhrases } from "@/server/compliance/fees";
import { checkPosting } from "@/server/compliance/posting";
import { postingInput } from "@/server/schemas/postings";
import { placementInput } from "../../helpers/factories";

describe("fees written in words", () => {
  it("finds “收取培训费800元” and a deposit, as written", () => {
    expect(findFeePhrases("入职需收取培训费800元，表现优秀者返还。")).toEqual(["入职需收取培训费800元"]);
    expect(findFeePhrases("报到时交押金")).toEqual(["报到时交押金"]);
    expect(findFeePhrases("押金")).toEqual(["押金"]);
  });

  it("finds the other fee words, lodging deducted from pay and withheld ID", () => {
    const text = "需缴纳保证金500元；服装费由学生承担；每月扣住宿费300元；入职后扣留身份证统一保管；管理费每月100元；体检费自理；中介费200元。";
    expect(findFeePhrases(text)).toEqual([
      "需缴纳保证金500元",
      "服装费由学生承担",
      "管理费每月100元",
      "体检费自理",
      "中介费200元",
      "每月扣住宿费300元",
      "入职后扣留身份证统一保管",
    ]);
    expect(findFeePhrases("住宿费从工资中扣除")).toEqual(["住宿费从工资中扣除"]);
  });

  it("passes a clean description, free lodging and a denial of every fee", () => {
    expect(findFeePhrases("参与企业级应用开发，由资深工程师一对一指导，按月发放实习报酬。")).toEqual([]);
    expect(findFeePhrases("公司提供免费住宿，不收取任何押金、培训费。")).toEqual([]);
    expect(findFeePhrases("无押金，免培训费")).toEqual([]);
  });

  it("scans the title, description and every free-text detail", () => {
    expect(feeFlagsOf({ title: "实习", description: "正常的描述文字", details: { hazards: "工装费由学生自理", monthlyPay: 3000 } })).toEqual(["工装费由学生自理"]);
  });

  it("warns the enterprise on the form with the phrase while the fee field says 0", () => {
    const posting = postingInput.parse(placementInput({ description: "参与开发，入职收取培训费800元。" }, { feesToStudents: 0 }));
    const v = checkPosting(posting, { staffCount: 200, industryCode: "6513", otherInternSeats: 0 }, "2027-01-10").find((x) => x.rule === "feeTerms")!;
    expect(v.severity).toBe("warning");
    expect(v.zh).toContain("“入职收取培训费800元”");
    expect(checkFeeWords({ description: "参与企业级应用开发，由资深工程师一对一指导。", details: {} })).toBeNull();
  });
});
