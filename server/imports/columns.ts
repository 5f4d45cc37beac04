import { translate, type MessageKey } from "../i18n/messages";
import { ImportFileError } from "./sheet";

/** A column of an import template: its header (the zh-CN text is the template's; the English one is accepted too). */
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: MessageKey;
  required: boolean;
}

/** Headers compare without spaces, required-marks (*), case or full-width brackets. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .replace(/[\s*]/g, "")
    .toLowerCase();
}

/** The header row a template shows: Chinese, required columns marked with *. */
export function templateHeaders(specs: readonly ColumnSpec[]): string[] {
  return specs.map((s) => `${translate("zh-CN", s.header)}${s.required ? "*" : ""}`);
}

/**
 * Where each column is in the uploaded header row. Refuses the file when a required column is missing, a
 * column is not the template's (data would be silently dropped), or a column appears twice.
 */
export function mapColumns<K extends string>(headers: string[], specs: readonly ColumnSpec<K>[]): Record<K, number | undefined> {
  const byName = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const locale of ["zh-CN", "en"] as const) byName.set(normaliseHeader(translate(locale, spec.header)), spec);
  const found = {} as Record<K, number | undefined>;
  const unknown: string[] = [];
  const twice: string[] = [];
  headers.forEach((header, i) => {
    if (header.trim() === "") return;
    const spec = byName.get(normaliseHeader(header));
    if (!spec) unknown.push(header);
    else if (found[spec.key] !== undefined) twice.push(header);
    else found[spec.key] = i;
  });
  const zhHeader = (s: ColumnSpec) => translate("zh-CN", s.header);
  const missing = specs.filter((s) => s.required && found[s.key] === undefined).map(zhHeader);
  if (missing.length) throw new ImportFileError("imports.error.missingColumns", { columns: missing.join("、") });
  if (unknown.length) throw new ImportFileError("imports.error.unknownColumns", { columns: unknown.join("、") });
  if (twice.length) throw new ImportFileError("imports.error.duplicateColumns", { columns: twice.join("、") });
  return found;
}

/** One cell of a row by column key ("" when the column is absent or the row is short). */
export function cellOf<K extends string>(columns: Record<K, number | undefined>, cells: string[], key: K): string {
  const i = columns[key];
  return i === undefined ? "" : (cells[i] ?? "").trim();
}

/**
 * A date as typed in a spreadsheet, as YYYY-MM-DD: 2006-09-01, 2006/9/1, 2006.9.1, 2006年9月1日 or 20060901.
 * Null when it is none of these (the calendar check is the schema's).
 */
export function normaliseDate(value: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const parts = compact ?? /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (!parts) return null;
  return `${parts[1]}-${parts[2]!.padStart(2, "0")}-${parts[3]!.padStart(2, "0")}`;
}

/** A row's problem as the user sees it: the row, the column (its Chinese header) and the message. */
export interface RowProblem {
  line: number;
  column: string;
  message: string;
}
