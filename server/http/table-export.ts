import { TRPCError } from "@trpc/server";
import { audit } from "../admin/audit";
import type { Translate } from "../i18n/messages";
import { exportFilename, toCsv, toXlsx } from "../reports/export";
import type { ReportTable } from "../reports/tables";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "../request";
import { refusalResponse } from "./refusal";

type Caller = Awaited<ReturnType<typeof serverCaller>>;

/**
 * A report or a list as a CSV or XLSX download (`?format=csv|xlsx` and the page's own filters): built through the
 * page's own procedures, so it is checked and filtered like the page; a refusal opened as a link goes to sign-in
 * and back (or a readable page); every export is in the audit log, marked when it holds students' personal data.
 */
export async function tableExportResponse(
  req: Request,
  what: { kind: "report" | "list"; name: string; personalData: boolean; tables: (caller: Caller, params: URLSearchParams, t: Translate) => Promise<ReportTable[]> },
): Promise<Response> {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const ctx = await getRequestContext();
  let tables: ReportTable[];
  try {
    tables = await what.tables(await serverCaller(), url.searchParams, await getTranslator());
  } catch (error) {
    if (error instanceof TRPCError) return refusalResponse(error, req.url, await getLocale());
    throw error;
  }
  if (ctx.user) {
    await audit(ctx.db, {
      actorId: ctx.user.id,
      action: `${what.kind}.export`,
      targetType: what.kind,
      targetId: what.name,
      summary: `${what.name}.${format}`,
      details: { query: Object.fromEntries(url.searchParams), rows: tables.reduce((a, t) => a + t.rows.length, 0), personalData: what.personalData },
    });
  }
  const filename = exportFilename(what.name, format);
  const headers = { "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" };
  if (format === "csv") return new Response(toCsv(tables), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await toXlsx(tables)), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
