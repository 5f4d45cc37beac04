import { orNull } from "@/app/_trpc/errors";
import { translate } from "@/server/i18n/messages";
import { agreementPdf, chineseFont } from "@/server/placements/agreement-pdf";
import { getRequestContext, serverCaller } from "@/server/request";

/** The tripartite agreement as a PDF, for the placement's parties (the procedure checks who). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getRequestContext();
  if (!ctx.user) return new Response("Unauthorized", { status: 401 });
  const data = await orNull((await serverCaller()).placements.agreement({ placementId: id }));
  if (!data) return new Response("Not found", { status: 404 });
  const font = chineseFont();
  if (!font) return new Response(translate(ctx.locale, "errors.pdfFontMissing"), { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
  const pdf = await agreementPdf(data.agreement, data, font);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${data.agreement.title}-${data.parties.student}.pdf`)}`,
      "cache-control": "private, no-store",
    },
  });
}
