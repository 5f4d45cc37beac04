import { TRPCError } from "@trpc/server";
import { refusalResponse } from "@/server/http/refusal";
import { importKinds, type ImportKind } from "@/server/imports/respond";
import { assertImporter } from "@/server/imports/access";
import { postingsTemplate, rosterTemplate } from "@/server/imports/templates";
import { getRequestContext } from "@/server/request";

/** The import template of an organisation (`?organisationId=…`), for its own staff only. */
export async function GET(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!importKinds.includes(kind as ImportKind)) return new Response("Not found", { status: 404 });
  const ctx = await getRequestContext();
  const organisationId = new URL(req.url).searchParams.get("organisationId") ?? "";
  try {
    await assertImporter(ctx.db, ctx.user, kind as ImportKind, organisationId);
  } catch (error) {
    if (error instanceof TRPCError) return refusalResponse(error, req.url, ctx.locale);
    throw error;
  }
  const body = kind === "roster" ? await rosterTemplate(ctx.db, organisationId) : await postingsTemplate(ctx.db, organisationId);
  const filename = kind === "roster" ? "roster-template.xlsx" : "postings-template.xlsx";
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
