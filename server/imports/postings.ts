import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { hostPosts } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { insurancePayers, labourIntensityLevels, payFrequencies } from "../compliance/rules";
import { translate, type Locale, type MessageKey } from "../i18n/messages";
import { createPosting } from "../postings/manage";
import { postingInput, type PostingInput } from "../schemas/postings";
import { ComplianceError, FieldError, type SessionUser } from "../trpc";
import { assertImporter } from "./access";
import { cellOf, mapColumns, normaliseDate, type ColumnSpec, type RowProblem } from "./columns";
import { readSheet } from "./sheet";

/**
 * An enterprise's import of placement internships as drafts. Each row becomes the same input as the posting
 * form sends (server/schemas/postings.ts) and is written by the same `createPosting`, so the same zod schema and
 * the same internship rules (server/compliance/posting.ts, the caps) judge it, with the rules' own messages. All
 * rows are written in one transaction; if any row fails, the transaction is rolled back and nothing is written
 * (no "valid rows only": a half-imported sheet is harder to fix than a refused one). A dry run is the same work,
 * always rolled back.
 */

export const postingColumns = [
  { key: "title", header: "imports.col.title", required: true },
  { key: "description", header: "imports.col.description", required: true },
  { key: "regionCode", header: "imports.col.regionCode", required: true },
  { key: "address", header: "imports.col.address", required: true },
  { key: "industryCode", header: "imports.col.industryCode", required: true },
  { key: "specialtyCodes", header: "imports.col.specialtyCodes", required: true },
  { key: "quantity", header: "imports.col.quantity", required: true },
  { key: "startDate", header: "imports.col.startDate", required: true },
  { key: "endDate", header: "imports.col.endDate", required: true },
  { key: "applyBy", header: "imports.col.applyBy", required: true },
  { key: "contactName", header: "imports.col.contactName", required: true },
  { key: "contactPhone", header: "imports.col.contactPhone", required: true },
  { key: "post", header: "imports.col.post", required: false },
  { key: "monthlyPay", header: "imports.col.monthlyPay", required: true },
  { key: "sameWage", header: "imports.col.sameWage", required: true },
  { key: "payFrequency", header: "imports.col.payFrequency", required: true },
  { key: "dailyHours", header: "imports.col.dailyHours", required: true },
  { key: "weeklyDays", header: "imports.col.weeklyDays", required: true },
  { key: "labourIntensity", header: "imports.col.labourIntensity", required: true },
  { key: "hazards", header: "imports.col.hazards", required: true },
  { key: "liabilityInsurance", header: "imports.col.liabilityInsurance", required: true },
  { key: "insurancePaidBy", header: "imports.col.insurancePaidBy", required: true },
  { key: "feesToStudents", header: "imports.col.feesToStudents", required: false },
] as const satisfies readonly ColumnSpec[];
type PostingKey = (typeof postingColumns)[number]["key"];

/** Postings per file: a posting is a page of text, and the rules run per row inside one transaction. */
export const maxPostingRows = 1000;

export interface PostingImportResult {
  committed: boolean;
  total: number;
  problems: RowProblem[];
  postingIds: string[];
}

/** Rolls the dry run's transaction back after every row was written and checked. */
class DryRun extends Error {}

const yes = new Set(["是", "有", "y", "yes", "true", "1", "√"]);
const no = new Set(["否", "无", "n", "no", "false", "0", "×"]);

/** A choice cell: the stored value or its zh-CN/English label, with or without the label's trailing words. */
function choiceOf<T extends string>(value: string, values: readonly T[], labelKey: (v: T) => string): T | undefined {
  const key = value.normalize("NFKC").replace(/\s/g, "").toLowerCase();
  const labels = (v: T) => [v, translate("zh-CN", labelKey(v)), translate("en", labelKey(v))].map((l) => l.normalize("NFKC").replace(/\s/g, "").toLowerCase());
  const aliases: Record<string, string> = { 企业: "host", 实习单位: "host", 按月: "monthly", 按周: "weekly", 每月: "monthly", 每周: "weekly" };
  return values.find((v) => labels(v).includes(key) || aliases[key] === v || (key.length >= 2 && labels(v).some((l) => l.startsWith(key))));
}

/** Checks the file (and with `commit`, imports it); file problems throw ImportFileError, row problems are returned. */
export async function importPostings(
  db: Db,
  user: SessionUser,
  args: { organisationId: string; bytes: Uint8Array; commit: boolean; locale: Locale; onProgress?: (done: number, total: number) => void },
): Promise<PostingImportResult> {
  await assertImporter(db, user, "postings", args.organisationId);
  const t = (key: string, params?: Record<string, string | number>) => translate(args.locale, key, params);
  const header = (key: PostingKey) => t(postingColumns.find((c) => c.key === key)!.header);
  const sheet = await readSheet(args.bytes, { maxRows: maxPostingRows });
  const columns = mapColumns(sheet.headers, postingColumns);
  const posts = new Map((await db.select({ id: hostPosts.id, name: hostPosts.name }).from(hostPosts).where(eq(hostPosts.organisationId, args.organisationId))).map((p) => [p.name, p.id]));
  const total = sheet.rows.length;
  const problems: RowProblem[] = [];
  const postingIds: string[] = [];
  const columnOfField = (field: string): PostingKey => {
    const name = field.split(".").pop() ?? field;
    if (name === "postId") return "post";
    return (postingColumns.some((c) => c.key === name) ? name : "title") as PostingKey;
  };

  const body = async (tx: Db) => {
    for (const [index, { line, cells }] of sheet.rows.entries()) {
      args.onProgress?.(index, total);
      const raw = (key: PostingKey) => cellOf(columns, cells, key);
      const problem = (key: PostingKey, message: string) => problems.push({ line, column: header(key), message });
      const before = problems.length;
      for (const spec of postingColumns) if (spec.required && raw(spec.key) === "") problem(spec.key, t("imports.row.required", { column: header(spec.key) }));
      if (problems.length > before) continue;
      const input = rowInput(raw, posts, (key, message, params) => problem(key, t(message, params)));
      if (problems.length > before || !input) continue;
      const parsed = postingInput.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problem(columnOfField(issue.path.map(String).join(".")), t(issue.message));
        continue;
      }
      try {
        postingIds.push((await createPosting(tx, { organisationId: args.organisationId, userId: user.id, posting: parsed.data, submit: false })).id);
      } catch (error) {
        if (error instanceof ComplianceError) for (const v of error.violations) problem(columnOfField(v.field ?? ""), args.locale === "en" ? v.en : v.zh);
        else if (error instanceof FieldError) for (const [field, key] of Object.entries(error.fields)) problem(columnOfField(field), t(key));
        else if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") problem("title", t(error.message));
        else throw error;
      }
    }
    args.onProgress?.(total, total);
    if (problems.length > 0 || !args.commit) throw new DryRun();
  };
  try {
    await withTransaction(db, body);
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
    return { committed: false, total, problems, postingIds: [] };
  }
  return { committed: true, total, problems, postingIds };
}

/** The posting form's input from a row; choice, date and yes/no cells it cannot read are reported instead. */
function rowInput(
  raw: (key: PostingKey) => string,
  posts: Map<string, string>,
  problem: (key: PostingKey, message: MessageKey, params?: Record<string, string | number>) => void,
): PostingInput | null {
  const date = (key: PostingKey) => {
    const value = normaliseDate(raw(key));
    if (value === null) problem(key, "imports.row.date", { value: raw(key) });
    return value ?? "";
  };
  const flag = (key: PostingKey) => {
    const value = raw(key).toLowerCase();
    if (yes.has(value)) return true;
    if (!no.has(value)) problem(key, "imports.row.yesNo", { value: raw(key) });
    return false;
  };
  const choice = <T extends string>(key: PostingKey, values: readonly T[], labelKey: (v: T) => string) => {
    const value = choiceOf(raw(key), values, labelKey);
    if (!value) problem(key, "imports.row.choice", { value: raw(key), choices: values.map((v) => translate("zh-CN", labelKey(v))).join("、") });
    return value ?? values[0]!;
  };
  const postName = raw("post");
  const postId = postName ? posts.get(postName) : undefined;
  if (postName && !postId) problem("post", "imports.row.postUnknown", { value: postName });
  return {
    kind: "placement_internship",
    title: raw("title"),
    description: raw("description"),
    regionCode: raw("regionCode"),
    address: raw("address"),
    industryCode: raw("industryCode"),
    specialtyCodes: raw("specialtyCodes")
      .split(/[、,，;；\s]+/)
      .filter(Boolean),
    quantity: raw("quantity") as unknown as number,
    startDate: date("startDate"),
    endDate: date("endDate"),
    applyBy: date("applyBy"),
    contactName: raw("contactName"),
    contactPhone: raw("contactPhone"),
    postId,
    details: {
      monthlyPay: raw("monthlyPay"),
      sameWage: raw("sameWage"),
      payFrequency: choice("payFrequency", payFrequencies, (v) => `option.payFrequency.${v}`),
      feesToStudents: raw("feesToStudents") || "0",
      dailyHours: raw("dailyHours"),
      weeklyDays: raw("weeklyDays"),
      labourIntensity: choice("labourIntensity", labourIntensityLevels, (v) => `option.labourIntensity.${v}`),
      hazards: raw("hazards"),
      liabilityInsurance: flag("liabilityInsurance"),
      insurancePaidBy: choice("insurancePaidBy", insurancePayers, (v) => `option.insurancePaidBy.${v}`),
    },
  };
}
