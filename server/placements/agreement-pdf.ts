import fs from "node:fs";
import PDFDocument from "pdfkit";
import type { Agreement } from "./agreement";

/**
 * Fonts with Chinese glyphs, looked for on the machine (Debian's fonts-noto-cjk first). pdfkit embeds only
 * the glyphs used, so the PDF stays small; PDF_FONT_PATH (and PDF_FONT_FAMILY for collections) overrides.
 */
const candidates: [path: string, family: string | undefined][] = [
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
  ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular"],
  ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYiZenHei"],
  ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYiMicroHei"],
];

export interface PdfFont {
  path: string;
  family: string | undefined;
}

export function chineseFont(): PdfFont | null {
  const override = process.env.PDF_FONT_PATH;
  if (override) return fs.existsSync(override) ? { path: override, family: process.env.PDF_FONT_FAMILY } : null;
  const found = candidates.find(([path]) => fs.existsSync(path));
  return found ? { path: found[0], family: found[1] } : null;
}

export interface AgreementSignatures {
  parties: { student: string; school: string; host: string };
  confirmations: { student: Date | null; school: Date | null; host: Date | null };
}

const when = (d: Date | null) => (d ? new Intl.DateTimeFormat("zh-CN", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(d) : "（未确认）");

/** The agreement as an A4 PDF, with each party's online confirmation in place of a signature, in the given font (see chineseFont). */
export function agreementPdf(agreement: Agreement, signatures: AgreementSignatures, font: PdfFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: agreement.title, Producer: "产教桥 EduBridge" } });
  doc.registerFont("cjk", font.path, font.family);
  doc.font("cjk");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.fontSize(18).text(agreement.title, { align: "center" }).moveDown(0.3);
  doc.fontSize(9).fillColor("#475569").text(`文本校验码 ${agreement.digest}`, { align: "center" }).fillColor("#000000").moveDown();
  for (const section of agreement.sections) {
    doc.fontSize(13).text(section.heading).moveDown(0.2);
    doc.fontSize(10.5);
    for (const line of section.lines) doc.text(line, { lineGap: 3 }).moveDown(0.2);
    doc.moveDown(0.5);
  }
  doc.moveDown().fontSize(11);
  const { parties, confirmations } = signatures;
  doc.text(`甲方（学校）：${parties.school}　在线确认：${when(confirmations.school)}`).moveDown(0.4);
  doc.text(`乙方（实习单位）：${parties.host}　在线确认：${when(confirmations.host)}`).moveDown(0.4);
  doc.text(`丙方（学生）：${parties.student}　在线确认：${when(confirmations.student)}`);
  doc.end();
  return done;
}
