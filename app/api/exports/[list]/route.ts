import { listNames, listTable, studentLists, type ListName } from "@/server/exports/lists";
import { tableExportResponse } from "@/server/http/table-export";

/** A list as CSV or XLSX (`?format=csv|xlsx&organisationId=…` and the page's filters), checked like its page. */
export async function GET(req: Request, { params }: { params: Promise<{ list: string }> }) {
  const { list } = await params;
  if (!listNames.includes(list as ListName)) return new Response("Not found", { status: 404 });
  const name = list as ListName;
  return tableExportResponse(req, { kind: "list", name, personalData: studentLists.includes(name), tables: async (caller, query, t) => [await listTable(caller, name, query, t)] });
}
