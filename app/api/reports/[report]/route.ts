import { TRPCError } from "@trpc/server";
import { audit } from "@/server/admin/audit";
import { personalReports, reportNames, reportTables, toCsv, toXlsx, type ReportName } from "@/server/reports/export";
import { refusalResponse } from "@/server/http/refusal";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";

/** A report as CSV or XLSX (`?format=csv|xlsx` and the report's own filters), checked like its page. */
export async function GET(req: Request, { params }: { params: Promise<{ report: string }> }) {
  const { report } = await params;
  if (!reportNames.includes(report as ReportName)) return new Response("Not found", { status: 404 });
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const ctx = await getRequestContext();
  let tables;
  try {
    tables = await reportTables(await serverCaller(), report as ReportName, url.searchParams, await getTranslator());
  } catch (error) {
    // Opened as a link: signed out goes to sign-in and back here; other refusals get a readable page.
    if (error instanceof TRPCError) return refusalResponse(error, req.url, await getLocale());
    throw error;
  }
  if (ctx.user) {
    await audit(ctx.db, {
      actorId: ctx.user.id,
      action: "report.export",
      targetType: "report",
      targetId: report,
      summary: `${report}.${format}`,
      details: { query: Object.fromEntries(url.searchParams), rows: tables.reduce((a, t) => a + t.rows.length, 0), personalData: personalReports.includes(report as ReportName) },
    });
  }
  const filename = `${report}-${new Date().toISOString().slice(0, 10)}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
  if (format === "csv") return new Response(toCsv(tables), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await toXlsx(tables)), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
