import type { Translate } from "@/server/i18n/messages";

/** "Export CSV / Excel" for a list page: the same list, filters and permissions (app/api/exports/[list]). */
export function ExportLinks({ t, list, params }: { t: Translate; list: "students" | "applicants" | "placements" | "applications" | "projects"; params: Record<string, string | undefined> }) {
  const query = (format: string) => new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => !!e[1])), format }).toString();
  return (
    <span className="flex flex-wrap gap-2 text-sm print:hidden" data-testid={`export-${list}`}>
      <a className="btn-secondary" href={`/api/exports/${list}?${query("csv")}`} download>
        {t("exports.csv")}
      </a>
      <a className="btn-secondary" href={`/api/exports/${list}?${query("xlsx")}`} download>
        {t("exports.xlsx")}
      </a>
    </span>
  );
}
