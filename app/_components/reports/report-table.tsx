import type { Locale } from "@/server/i18n/messages";
import { formatters } from "@/server/i18n/messages";
import type { ReportTable } from "@/server/reports/tables";

/** A report table exactly as exported (same columns, same rows), numbers formatted for the reader. */
export function ReportTableView({ table, locale, empty, highlight }: { table: ReportTable; locale: Locale; empty: string; highlight?: "shortage" | "surplus" }) {
  const f = formatters(locale);
  const cell = (v: string | number | null, numeric?: boolean) => (v === null ? "—" : numeric && typeof v === "number" ? f.number(v) : String(v));
  return (
    <section className="card space-y-2 break-inside-avoid" aria-labelledby={`table-${table.id}`} data-testid={`report-table-${table.id}`}>
      <h2 id={`table-${table.id}`} className={`text-lg font-semibold ${highlight === "shortage" ? "text-red-800" : highlight === "surplus" ? "text-sky-900" : ""}`}>
        {table.title}
      </h2>
      {table.rows.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table-cards w-full text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={`px-2 py-1 font-semibold ${c.numeric ? "text-right" : ""}`}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className="border-b border-slate-100">
                  {table.columns.map((c) => (
                    <td key={c.key} data-label={c.header} className={`px-2 py-1 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                      {cell(row[c.key] ?? null, c.numeric)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Export and print links for a report; the export carries the same filters as the page. */
export function ReportActions({ report, query, labels }: { report: string; query: Record<string, string | undefined>; labels: { csv: string; xlsx: string } }) {
  const params = (format: string) => new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>, format }).toString();
  return (
    <div className="flex flex-wrap gap-2 print:hidden">
      <a className="btn-secondary" href={`/api/reports/${report}?${params("csv")}`} download>
        {labels.csv}
      </a>
      <a className="btn-secondary" href={`/api/reports/${report}?${params("xlsx")}`} download>
        {labels.xlsx}
      </a>
    </div>
  );
}
