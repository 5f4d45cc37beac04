/**
 * Fees written in words. 《职业学校学生实习管理规定》(教职成〔2021〕4号) forbids charging students any fee
 * (实习押金、培训费、实习报酬提成、管理费、实习材料费、服装费、体检费、住宿费 …) or withholding their ID;
 * the structured fee field can say 0 while the description says "收取培训费800元". This scan finds such
 * phrases so that a reviewer sees them before the posting is approved, and the enterprise is warned
 * on the form. Pure and client-safe.
 */
import { violation, type Violation } from "./rules";

/** Fee words: each is a fee to a student wherever it appears, unless the clause denies it (不收取、无、免 …). */
const feeTerms = /押金|保证金|风险金|培训费|服装费|工服费|工装费|管理费|中介费|介绍费|体检费|材料费|报名费|实习费|报酬提成|工资提成/g;
/** Board and lodging is lawful when provided; deducted from pay it is a fee. */
const lodgingDeducted = /住宿费[^。；;！!？?\n]{0,12}?(?:扣|抵)|扣[^。；;！!？?\n]{0,8}?住宿费/g;
/** Withholding identity documents, in the usual wordings. */
const idWithheld = /(?:扣留|扣押|押|代管|保管|收取|上交)[^。；;，,！!？?\n]{0,4}?(?:居民)?(?:身份证|学生证|证件)|押证/g;
/** A clause that denies the fee: "不收取押金", "无任何押金", "免培训费", "严禁收取…". */
const denial = /不|无|免|禁|没有|未|拒绝/;
const clauseBreak = /[。；;，,！!？?\n]/;

/**
 * The phrases of a text that charge students fees or withhold their ID, as written (the clause around each
 * hit, at most 40 characters), in the order found, each once.
 */
export function findFeePhrases(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [feeTerms, lodgingDeducted, idWithheld]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      let start = at;
      while (start > 0 && !clauseBreak.test(text[start - 1]!)) start--;
      let end = at + match[0].length;
      while (end < text.length && !clauseBreak.test(text[end]!)) end++;
      if (denial.test(text.slice(start, at))) continue;
      const clause = text.slice(start, end).trim();
      const phrase = clause.length > 40 ? text.slice(Math.max(start, at - 12), Math.min(end, at + match[0].length + 12)).trim() : clause;
      if (!found.includes(phrase)) found.push(phrase);
    }
  }
  return found;
}

/** Every free text of a posting: title, description and the string fields of its details. */
export function postingFreeText(posting: { title?: string; description: string; details: Record<string, unknown> }): string {
  const texts = [posting.title ?? "", posting.description, ...Object.values(posting.details).filter((v): v is string => typeof v === "string")];
  return texts.join("\n");
}

/** The fee phrases of a posting, for the review queue. */
export function feeFlagsOf(posting: { title?: string; description: string; details: Record<string, unknown> }): string[] {
  return findFeePhrases(postingFreeText(posting));
}

/** The enterprise is warned on the form; the reviewer sees the phrases before approving. */
export function checkFeeWords(posting: { title?: string; description: string; details: Record<string, unknown> }): Violation | null {
  const phrases = feeFlagsOf(posting);
  if (phrases.length === 0) return null;
  const quoted = phrases.map((p) => `“${p}”`).join("、");
  return violation(
    "feeTerms",
    "description",
    `文字中出现向学生收费或扣押证件的表述：${quoted}。不得以任何名义向学生收取押金、培训费、管理费等费用或扣押证件；审核人员会看到这些表述`,
    `The text mentions fees to students or withheld documents: ${quoted}. No fee of any kind may be charged and no ID withheld; the reviewer will see these phrases`,
    "warning",
  );
}
