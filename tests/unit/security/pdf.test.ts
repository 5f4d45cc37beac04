// The boundaries of server/security/pdf.ts that tests/integration/cv.test.ts (through the CV upload) leaves open
// (README "Mutation testing").
import { PDFDocument, PDFName, PDFString, type PDFObject } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pdfProblem } from "@/server/security/pdf";

async function makePdf(tamper?: (doc: PDFDocument) => void, useObjectStreams = false) {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]);
  tamper?.(doc);
  return doc.save({ useObjectStreams });
}
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("what surrounds the PDF", () => {
  it("takes line ends, spaces and NUL padding after the last %%EOF, and nothing else", async () => {
    const clean = latin1(await makePdf());
    expect(await pdfProblem(bytesOf(`${clean}\r\n \t\0\0`))).toBeNull();
    expect(await pdfProblem(bytesOf(`${clean}x`))).toBe("polyglot");
  });

  it("wants the header first: anything before it is a polyglot, and no header in the first kilobyte is no PDF", async () => {
    const clean = latin1(await makePdf());
    expect(await pdfProblem(bytesOf(` ${clean}`))).toBe("polyglot");
    expect(await pdfProblem(bytesOf(`${" ".repeat(1024)}${clean}`))).toBe("polyglot");
    expect(await pdfProblem(bytesOf(`${" ".repeat(1025)}${clean}`))).toBe("notPdf");
    expect(await pdfProblem(bytesOf("just text %%EOF"))).toBe("notPdf");
  });

  it("refuses markup a browser would sniff in the first kilobyte, in any case and with spaces, but not past it", async () => {
    const clean = latin1(await makePdf());
    const withComment = (comment: string, at = 9) => bytesOf(`${clean.slice(0, at)}%${comment}\n${clean.slice(at)}`);
    expect(await pdfProblem(withComment("< SCRIPT>"))).toBe("polyglot");
    expect(await pdfProblem(withComment("<svg onload=x>"))).toBe("polyglot");
    expect(await pdfProblem(withComment("<scripts>"))).toBeNull();
    expect(await pdfProblem(bytesOf(`${clean.slice(0, 9)}%${" ".repeat(1100)}<script>\n${clean.slice(9)}`))).toBeNull();
  });

  it("is malformed without an end-of-file marker", async () => {
    const clean = latin1(await makePdf());
    expect(await pdfProblem(bytesOf(clean.replace(/%%EOF\s*$/, "")))).toBe("malformed");
  });
});

describe("names and actions", () => {
  it("decodes lower-case hex escapes as readers do", async () => {
    const plain = latin1(await makePdf((doc) => doc.catalog.set(PDFName.of("Launch"), PDFString.of("x"))));
    expect(plain).toContain("/Launch");
    expect(await pdfProblem(bytesOf(plain.replace("/Launch", "/L#61unch")))).toBe("launch");
    expect(await pdfProblem(bytesOf(plain.replace("/Launch", "/L#61Unch")))).toBeNull();
    // pdf-lib decodes upper-case hex escapes only: "#4c" (L) is left to our own decoding, in the parsed names and the raw bytes.
    expect(await pdfProblem(bytesOf(plain.replace("/Launch", "/#4caunch")))).toBe("launch");
  });

  it("reports the most severe problem found", async () => {
    const both = await makePdf((doc) => {
      doc.catalog.set(PDFName.of("XFA"), PDFString.of("x"));
      doc.catalog.set(PDFName.of("EmbeddedFiles"), PDFString.of("x"));
    });
    expect(await pdfProblem(both)).toBe("embeddedFile");
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("GoToE"), PDFString.of("x"))))).toBe("embeddedFile");
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("Filter"), PDFName.of("RichMediaExecute"))))).toBe("activeContent");
  });

  it("allows an opening jump within the document, also chained, and refuses a chain that ends in another action", async () => {
    const goTo = (doc: PDFDocument, next?: PDFObject) => {
      const action = doc.context.obj({ S: "GoTo", D: [doc.getPage(0).ref, "Fit"] });
      if (next) action.set(PDFName.of("Next"), next);
      return action;
    };
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), goTo(doc, goTo(doc))), true))).toBeNull();
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(goTo(doc))), true))).toBeNull();
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), goTo(doc, doc.context.obj({ S: "URI", URI: PDFString.of("http://x/") }))), true))).toBe("autoAction");
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ D: [doc.getPage(0).ref, "Fit"] })), true))).toBe("autoAction");
    expect(await pdfProblem(await makePdf((doc) => doc.catalog.set(PDFName.of("OpenAction"), PDFString.of("x")), true))).toBe("autoAction");
  });

  it("allows additional actions that only jump, and refuses them when they are not a dictionary", async () => {
    const goTo = (doc: PDFDocument) => doc.context.obj({ S: "GoTo", D: [doc.getPage(0).ref, "Fit"] });
    expect(await pdfProblem(await makePdf((doc) => doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj({ O: goTo(doc), C: goTo(doc) })), true))).toBeNull();
    expect(await pdfProblem(await makePdf((doc) => doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj({ O: goTo(doc), C: { S: "URI", URI: PDFString.of("http://x/") } })), true))).toBe("autoAction");
    expect(await pdfProblem(await makePdf((doc) => doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj([goTo(doc)])), true))).toBe("autoAction");
  });

  it("finds a forbidden name deep in arrays, and a name hidden in the raw bytes that the parser skipped", async () => {
    const deep = await makePdf((doc) => doc.catalog.set(PDFName.of("Extra"), doc.context.obj([1, [2, [PDFName.of("JavaScript")]]])), true);
    expect(latin1(deep)).not.toContain("JavaScript");
    expect(await pdfProblem(deep)).toBe("script");
    // 63 arrays under a catalog entry: the name sits at depth 64, the deepest the parser check walks.
    const nested = await makePdf((doc) => {
      let value = doc.context.obj([PDFName.of("JavaScript")]);
      for (let i = 1; i < 63; i++) value = doc.context.obj([value]);
      doc.catalog.set(PDFName.of("Extra"), value);
    }, true);
    expect(latin1(nested)).not.toContain("JavaScript");
    expect(await pdfProblem(nested)).toBe("script");
    const asKey = await makePdf((doc) => doc.catalog.set(PDFName.of("EmbeddedFiles"), PDFString.of("x")), true);
    expect(latin1(asKey)).not.toContain("EmbeddedFiles");
    expect(await pdfProblem(asKey)).toBe("embeddedFile");
    const inStreamDict = await makePdf((doc) => void doc.context.register(doc.context.stream("x", { Type: "XObject", Subtype: "RichMedia" })), true);
    expect(await pdfProblem(inStreamDict)).toBe("activeContent");
    const clean = latin1(await makePdf());
    const hidden = clean.replace(/%%EOF\s*$/, "% /JS in a comment a forgiving reader may parse\n%%EOF\n");
    expect(await pdfProblem(bytesOf(hidden))).toBe("script");
  });
});
