import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from "pdf-lib";

/**
 * Why an uploaded PDF may not be stored and shown to others, or null. A CV is opened by school staff and
 * enterprises in their PDF readers and browsers, so it must be a plain document: parsed by a real PDF library
 * (pdf-lib), with at least one page, nothing before the header or after the last end-of-file marker (an HTML page
 * wrapped around a PDF is a "polyglot" that a browser may render as HTML), and none of the features that run code or
 * carry other files: JavaScript, launch actions, embedded files, RichMedia/XFA, or actions run on opening.
 *
 * Names are checked in every indirect object pdf-lib parsed (object streams included), with `#xx` escapes decoded
 * (/J#61vaScript is /JavaScript); the raw bytes are scanned for the same names as well, in case a damaged
 * object hides one from the parser but not from a more forgiving reader.
 */
export type PdfProblem = "malformed" | "polyglot" | "encrypted" | "script" | "launch" | "embeddedFile" | "activeContent" | "autoAction";

/** In order of severity: the first one found is the one reported. */
const severity: PdfProblem[] = ["script", "launch", "embeddedFile", "activeContent", "autoAction"];

/** Names that make a PDF refused wherever they appear, as a key or as a value. */
const forbiddenNames: Record<string, PdfProblem> = {
  JS: "script",
  JavaScript: "script",
  Launch: "launch",
  EmbeddedFile: "embeddedFile",
  EmbeddedFiles: "embeddedFile",
  FileAttachment: "embeddedFile",
  GoToE: "embeddedFile",
  RichMedia: "activeContent",
  RichMediaContent: "activeContent",
  RichMediaExecute: "activeContent",
  XFA: "activeContent",
};

/** A name as a reader sees it: `#xx` escapes decoded (pdf-lib decodes upper-case hex only; readers any case). */
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The problems named in the raw bytes: every `/Name` token outside stream data, decoded. Stream data (compressed
 * images, fonts) is skipped: random bytes spell "/JS " about once in 4 MB; the parser reads object streams.
 */
function rawNameProblems(text: string): Set<PdfProblem> {
  const found = new Set<PdfProblem>();
  const dictionaries = text.replace(/\bstream\r?\n[\s\S]*?\bendstream\b/g, " ");
  for (const match of dictionaries.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const problem = forbiddenNames[decodeName(match[1]!)];
    if (problem) found.add(problem);
  }
  return found;
}

/** An action run without the reader's click (/OpenAction, /AA entries): only a jump within the document is harmless. */
function isHarmlessAutoAction(doc: PDFDocument, value: PDFObject | undefined): boolean {
  const action = value ? doc.context.lookup(value) : undefined;
  if (action === undefined || action instanceof PDFArray) return true; // a destination: open at a page
  if (!(action instanceof PDFDict)) return false;
  const kind = action.lookup(PDFName.of("S"));
  if (!(kind instanceof PDFName) || decodeName(kind.asString().slice(1)) !== "GoTo") return false;
  // A chain of further actions (/Next) must be harmless too.
  const chained = action.get(PDFName.of("Next"));
  return chained === undefined || isHarmlessAutoAction(doc, chained);
}

function structuralProblems(doc: PDFDocument): Set<PdfProblem> {
  const found = new Set<PdfProblem>();
  const visit = (object: PDFObject | undefined, depth: number) => {
    if (object === undefined || depth > 64) return;
    if (object instanceof PDFName) {
      const problem = forbiddenNames[decodeName(object.asString().slice(1))];
      if (problem) found.add(problem);
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) visit(object.get(i), depth + 1);
    } else if (object instanceof PDFStream) {
      visit(object.dict, depth + 1);
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const name = decodeName(key.asString().slice(1));
        if (forbiddenNames[name]) found.add(forbiddenNames[name]);
        if (name === "OpenAction" && !isHarmlessAutoAction(doc, value)) found.add("autoAction");
        if (name === "AA") {
          const triggers = doc.context.lookup(value);
          if (!(triggers instanceof PDFDict) || triggers.values().some((action) => !isHarmlessAutoAction(doc, action))) found.add("autoAction");
        }
        visit(key, depth + 1);
        visit(value, depth + 1);
      }
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object, 0);
  return found;
}

export async function pdfProblem(bytes: Uint8Array): Promise<PdfProblem | "notPdf" | null> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const header = text.indexOf("%PDF-");
  // Readers accept the header anywhere in the first kilobyte; we want nothing before it.
  if (header < 0 || header > 1024) return "notPdf";
  if (header > 0) return "polyglot";
  const end = text.lastIndexOf("%%EOF");
  if (end < 0) return "malformed";
  // After the last end-of-file marker only line ends and padding; and no markup where a browser sniffs.
  if (/[^\s\0]/.test(text.slice(end + 5))) return "polyglot";
  if (/<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b/i.test(text.slice(0, 1024))) return "polyglot";

  let doc: PDFDocument;
  try {
    // Loaded even when encrypted, to tell that case apart (pdf-lib's own error class fails instanceof).
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false, ignoreEncryption: true });
  } catch {
    return "malformed";
  }
  // Encrypted objects and streams cannot be checked.
  if (doc.isEncrypted) return "encrypted";
  try {
    if (doc.getPageCount() < 1) return "malformed";
  } catch {
    return "malformed";
  }
  const found = new Set([...structuralProblems(doc), ...rawNameProblems(text)]);
  return severity.find((p) => found.has(p)) ?? null;
}
