import { TRPCError } from "@trpc/server";
import { audit } from "@/server/admin/audit";
import { listNames, listTable, studentLists, type ListName } from "@/server/exports/lists";
import { toCsv, toXlsx } from "@/server/reports/export";
import { refusalResponse } from "@/server/http/refusal";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";

/** A list as CSV or XLSX (`?format=csv|xlsx&organisationId=…` and the page's filters), checked like its page. */
export async function GET(req: Request, { params }: { params: Promise<{ list: string }> }) {
  const { list } = await params;
  if (!listNames.includes(list as ListName)) return new Response("Not found", { status: 404 });
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const ctx = await getRequestContext();
  let table;
  try {
    table = await listTable(await serverCaller(), list as ListName, url.searchParams, await getTranslator());
  } catch (error) {
    if (error instanceof TRPCError) return refusalResponse(error, req.url, await getLocale());
    throw error;
  }
  if (ctx.user) {
    await audit(ctx.db, {
      actorId: ctx.user.id,
      action: "list.export",
      targetType: "list",
      targetId: list,
      summary: `${list}.${format}`,
      details: { query: Object.fromEntries(url.searchParams), rows: table.rows.length, personalData: studentLists.includes(list as ListName) },
    });
  }
  const filename = `${list}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
  if (format === "csv") return new Response(toCsv([table]), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await toXlsx([table])), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
