import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/create";
import { hostPosts, schoolSpecialties, specialties } from "../../db/schema";
import { translate } from "../i18n/messages";
import { todayInChina } from "../schemas/accounts";
import { templateHeaders, type ColumnSpec } from "./columns";
import { postingColumns } from "./postings";
import { rosterColumns } from "./roster";

/**
 * The downloadable templates: the data sheet has only the Chinese header row (the importer reads the first
 * sheet), every column typed as text so Excel keeps leading zeros and long numbers; a second sheet explains each
 * column and lists what the organisation's rows may name (the school's specialties, the enterprise's posts).
 */
async function template(dataSheet: string, specs: readonly ColumnSpec[], notes: [string, string][], extra: { title: string; rows: string[][] } | null): Promise<Buffer> {
  const zh = (key: string) => translate("zh-CN", key);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "产教桥 EduBridge";
  const sheet = workbook.addWorksheet(dataSheet);
  sheet.columns = templateHeaders(specs).map((header) => ({ header, width: Math.max(12, header.length * 2 + 4), style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet(zh("imports.instructions"));
  help.columns = [{ width: 24 }, { width: 10 }, { width: 80 }];
  help.addRow([zh("imports.column"), "", zh("imports.instructionsHeader")]).font = { bold: true };
  for (const spec of specs) help.addRow([zh(spec.header), zh(spec.required ? "imports.required" : "imports.optional"), notes.find(([k]) => k === spec.key)?.[1] ?? ""]);
  for (const [key, note] of notes) if (!specs.some((s) => s.key === key)) help.addRow(["", "", note]);
  if (extra) {
    help.addRow([]);
    help.addRow([extra.title]).font = { bold: true };
    for (const row of extra.rows) help.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The roster template of a school, with the specialties it runs (code and name) listed on the instructions sheet. */
export async function rosterTemplate(db: Db, organisationId: string): Promise<Buffer> {
  const offered = await db
    .select({ code: specialties.code, name: specialties.name })
    .from(schoolSpecialties)
    .innerJoin(specialties, eq(specialties.code, schoolSpecialties.specialtyCode))
    .where(eq(schoolSpecialties.organisationId, organisationId))
    .orderBy(specialties.code);
  const notes = rosterColumns.map((c) => [c.key, translate("zh-CN", `imports.help.${c.key}`)] as [string, string]);
  notes.push(["idNumber", translate("zh-CN", "imports.help.noIdNumber")]);
  return template("学生名单", rosterColumns, notes, { title: translate("zh-CN", "imports.help.schoolSpecialties"), rows: offered.map((s) => [s.code, "", s.name]) });
}

/** The posting template of an enterprise, with its declared posts listed; one example row's worth of notes. */
export async function postingsTemplate(db: Db, organisationId: string): Promise<Buffer> {
  const posts = await db.select({ name: hostPosts.name, staffCount: hostPosts.staffCount }).from(hostPosts).where(eq(hostPosts.organisationId, organisationId)).orderBy(hostPosts.name);
  const notes: [string, string][] = [["startDate", `${translate("zh-CN", "imports.help.postings")}（今天：${todayInChina()}）`]];
  return template("岗位实习", postingColumns, notes, { title: translate("zh-CN", "imports.col.post"), rows: posts.map((p) => [p.name, "", String(p.staffCount)]) });
}
