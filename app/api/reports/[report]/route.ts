import { personalReports, reportNames, reportTables, type ReportName } from "@/server/reports/export";
import { tableExportResponse } from "@/server/http/table-export";

/** A report as CSV or XLSX (`?format=csv|xlsx` and the report's own filters), checked like its page. */
export async function GET(req: Request, { params }: { params: Promise<{ report: string }> }) {
  const { report } = await params;
  if (!reportNames.includes(report as ReportName)) return new Response("Not found", { status: 404 });
  const name = report as ReportName;
  return tableExportResponse(req, { kind: "report", name, personalData: personalReports.includes(name), tables: (caller, query, t) => reportTables(caller, name, query, t) });
}
