// The exact phrases and warning of server/compliance/fees.ts (README "Mutation testing").
import { describe, expect, it } from "vitest";
import { checkFeeWords, feeFlagsOf, findFeePhrases, postingFreeText } from "@/server/compliance/fees";

describe("fee phrases", () => {
  it("quotes at most 12 characters either side of the fee word when the clause is longer than 40", () => {
    const text = "我们是一家专注于软件开发的高新技术企业拥有多年行业经验并且为所有实习学生提供完善的培训课程但是需要收取培训费八百元整并在入职当天一次性缴清全部款项";
    expect(findFeePhrases(text)).toEqual(["善的培训课程但是需要收取培训费八百元整并在入职当天一次"]);
  });

  it("quotes a clause of exactly 40 characters whole", () => {
    const clause = `${"甲".repeat(20)}押金${"乙".repeat(18)}`;
    expect(clause).toHaveLength(40);
    expect(findFeePhrases(`前文。${clause}。后文`)).toEqual([clause]);
    const longer = `${clause}丙`;
    expect(findFeePhrases(longer)).toEqual([`${"甲".repeat(12)}押金${"乙".repeat(12)}`]);
  });

  it("trims a quote cut out of a long clause", () => {
    const text = `${"甲".repeat(30)} ${"乙".repeat(11)}押金${"丙".repeat(5)}`;
    expect(findFeePhrases(text)).toEqual([`${"乙".repeat(11)}押金${"丙".repeat(5)}`]);
  });

  it("stops the clause at each kind of break, trims it, and reports a repeated phrase once", () => {
    expect(findFeePhrases("  押金200元  ；其他")).toEqual(["押金200元"]);
    expect(findFeePhrases("押金200元\n押金200元")).toEqual(["押金200元"]);
    expect(findFeePhrases("好，押金200元！好")).toEqual(["押金200元"]);
    expect(findFeePhrases("好?押金200元?好")).toEqual(["押金200元"]);
  });

  it("lets a denial before the word in the same clause cancel it, and not one in an earlier clause", () => {
    expect(findFeePhrases("没有押金")).toEqual([]);
    expect(findFeePhrases("拒绝收取管理费")).toEqual([]);
    expect(findFeePhrases("未收押金")).toEqual([]);
    expect(findFeePhrases("不加班，押金200元")).toEqual(["押金200元"]);
  });

  it("finds lodging deducted from pay either way round, and withheld documents in their usual wordings", () => {
    expect(findFeePhrases("扣除住宿费；住宿费抵扣工资")).toEqual(["扣除住宿费", "住宿费抵扣工资"]);
    expect(findFeePhrases("入职押证；需上交学生证")).toEqual(["入职押证", "需上交学生证"]);
    expect(findFeePhrases("入职时扣押学生身份证")).toEqual(["入职时扣押学生身份证"]);
    expect(findFeePhrases("扣押，身份证另行办理")).toEqual([]);
  });
});

describe("the free text of a posting", () => {
  it("joins the title, description and string details with line breaks, numbers left out", () => {
    expect(postingFreeText({ description: "d", details: { a: "x", b: 3, c: "y" } })).toBe("\nd\nx\ny");
    expect(postingFreeText({ title: "t", description: "d", details: {} })).toBe("t\nd");
  });

  it("finds a fee in the title", () => {
    expect(feeFlagsOf({ title: "收押金的岗位", description: "正常", details: {} })).toEqual(["收押金的岗位"]);
  });
});

describe("the warning", () => {
  it("quotes every phrase in both languages", () => {
    expect(checkFeeWords({ description: "收取培训费800元；押金200元", details: {} })).toEqual({
      rule: "feeTerms",
      field: "description",
      severity: "warning",
      zh: "文字中出现向学生收费或扣押证件的表述：“收取培训费800元”、“押金200元”。不得以任何名义向学生收取押金、培训费、管理费等费用或扣押证件；审核人员会看到这些表述",
      en: "The text mentions fees to students or withheld documents: “收取培训费800元”、“押金200元”. No fee of any kind may be charged and no ID withheld; the reviewer will see these phrases",
    });
  });
});
