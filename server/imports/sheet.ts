import ExcelJS from "exceljs";
import type { MessageKey } from "../i18n/messages";
import { unstorableText } from "../security/unstorable-text";

/**
 * Reading an uploaded spreadsheet into rows of text, for every import: XLSX (exceljs) or CSV in UTF-8 or GBK
 * (Excel in China saves "CSV" in the system code page). Anything the importer cannot read exactly is refused
 * for the whole file with a specific message, before a row is looked at: merged cells, formulas (refused, not
 * read from their cached result, which may be stale or absent in files other programs wrote), error values,
 * old .xls, non-spreadsheets, files over the size or row cap, sheets without data, and a cell holding text no
 * database stores as written (U+0000, which a UTF-16 CSV or XLSX's "_x0000_" escape can carry).
 */

/** A problem with the file as a whole: nothing of it is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const maxImportBytes = 10 * 1024 * 1024;
/** Rows per file: a school's year group fits many times over; a bigger roster goes in several files. */
export const maxImportRows = 20_000;

export interface SheetRow {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  line: number;
  cells: string[];
}
export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const startsWith = (bytes: Uint8Array, ...magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Reads the upload: the first sheet (or the one named `sheetName`) of an XLSX, or a CSV. */
export async function readSheet(bytes: Uint8Array, opts: { sheetName?: string; maxRows?: number } = {}): Promise<Sheet> {
  const maxRows = opts.maxRows ?? maxImportRows;
  if (bytes.length === 0) throw new ImportFileError("imports.error.empty");
  if (bytes.length > maxImportBytes) throw new ImportFileError("imports.error.tooLarge", { mb: maxImportBytes / 1024 / 1024 });
  let grid: SheetRow[];
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) grid = await xlsxGrid(bytes, opts.sheetName);
  else if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw new ImportFileError("imports.error.xls");
  else if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) throw new ImportFileError("imports.error.notSpreadsheet");
  else grid = csvGrid(decodeText(bytes));
  refuseUnstorableCells(grid);
  const [header, ...rest] = grid.filter((r) => r.cells.some((c) => c !== ""));
  if (!header) throw new ImportFileError("imports.error.empty");
  if (rest.length === 0) throw new ImportFileError("imports.error.empty");
  if (rest.length > maxRows) throw new ImportFileError("imports.error.tooManyRows", { rows: rest.length, max: maxRows });
  return { headers: header.cells, rows: rest };
}

/** Column letters as spreadsheets show them: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function refuseUnstorableCells(grid: SheetRow[]): void {
  for (const row of grid) {
    row.cells.forEach((text, column) => {
      const problem = unstorableText(text);
      if (problem) throw new ImportFileError(problem === "errors.nulCharacter" ? "imports.error.nulCharacter" : "imports.error.loneSurrogate", { cell: `${columnLetters(column)}${row.line}` });
    });
  }
}

/**
 * Text of a CSV upload: a byte-order mark decides; else UTF-8 when the bytes are valid UTF-8, else GBK (a GBK
 * file of Chinese text is almost never valid UTF-8). NUL bytes outside UTF-16 mean a binary file.
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) throw new ImportFileError("imports.error.notSpreadsheet");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gbk", { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError("imports.error.notSpreadsheet");
    }
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); tab-separated when the header has tabs and no commas. */
export function csvGrid(text: string): SheetRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(field.trim());
    rows.push({ line: rowLine, cells });
    cells = [];
    field = "";
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (ch === sep) {
      cells.push(field.trim());
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      endRow();
    } else field += ch;
  }
  if (field !== "" || cells.length) endRow();
  return rows;
}

/** The text of an XLSX cell; refuses formulas and error values (see the module comment). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return "";
    case ExcelJS.ValueType.Formula:
      throw new ImportFileError("imports.error.formula", { cell: cell.address });
    case ExcelJS.ValueType.Error:
      throw new ImportFileError("imports.error.cellError", { cell: cell.address });
    case ExcelJS.ValueType.Date:
      // exceljs reads a date cell as that calendar day at 00:00 UTC.
      return (v as Date).toISOString().slice(0, 10);
    case ExcelJS.ValueType.RichText:
      return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("").trim();
    case ExcelJS.ValueType.Hyperlink:
      return String((v as ExcelJS.CellHyperlinkValue).text ?? "").trim();
    default:
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v).trim() : "";
  }
}

async function xlsxGrid(bytes: Uint8Array, sheetName?: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError("imports.error.corrupt");
  }
  const sheet = (sheetName ? workbook.getWorksheet(sheetName) : undefined) ?? workbook.worksheets[0];
  if (!sheet) throw new ImportFileError("imports.error.empty");
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.isMerged) throw new ImportFileError("imports.error.merged", { cell: cell.master.address });
      cells[col - 1] = cellText(cell);
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? "") });
  });
  return rows;
}
