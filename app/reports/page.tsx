import type { Metadata } from "next";
import Link from "next/link";
import { supplyDemandTables } from "@/server/reports/tables";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { BarChart } from "../_components/reports/bar-chart";
import { ReportActions, ReportTableView } from "../_components/reports/report-table";

export const metadata: Metadata = { title: "人才供需分析" };

/** Talent supply and demand by region × specialty class, nationwide by province or one province by city. */
export default async function SupplyDemandPage({ searchParams }: { searchParams: Promise<{ province?: string; year?: string }> }) {
  const { province, year } = await searchParams;
  await requireUser("/reports");
  const t = await getTranslator();
  const locale = await getLocale();
  const caller = await serverCaller();
  const provinceCode = province && /^\d{2}0000$/.test(province) ? province : undefined;
  const graduationYear = year && /^\d{4}$/.test(year) ? Number(year) : undefined;
  const rows = await caller.reports.supplyDemand({ provinceCode, graduationYear });
  const provinces = await caller.reference.children({ taxonomy: "region", parentCode: null });
  const provinceName = provinces.find((p) => p.code === provinceCode)?.name;
  const tables = supplyDemandTables(rows, t, provinceCode ? t("report.city") : t("report.province"));
  const top = rows.slice(0, 12);
  const thisYear = new Date().getFullYear();
  // Drill-down: in the nationwide view, each province with a gap links to its cities.
  const drillable = provinceCode ? [] : [...new Map(rows.map((r) => [r.regionCode, r.regionName])).entries()].slice(0, 12);

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">
          {t("report.supplyDemand")}
          {provinceName ? ` · ${provinceName}` : ""}
        </h1>
        <p className="max-w-4xl text-sm text-slate-700">{t("report.supplyDemandLead")}</p>
      </div>
      <form className="card flex flex-wrap items-end gap-3 print:hidden" method="get">
        <div className="space-y-1">
          <label htmlFor="province" className="block text-sm font-medium">
            {t("report.province")}
          </label>
          <select id="province" name="province" className="input" defaultValue={provinceCode ?? ""}>
            <option value="">{t("report.allProvinces")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="year" className="block text-sm font-medium">
            {t("report.graduationYear")}
          </label>
          <select id="year" name="year" className="input" defaultValue={graduationYear ? String(graduationYear) : ""}>
            <option value="">{t("report.allYears")}</option>
            {[0, 1, 2, 3].map((d) => (
              <option key={d} value={String(thisYear + d)}>
                {thisYear + d}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t("report.filter")}
        </button>
        {provinceCode && (
          <Link href="/reports" className="btn-secondary">
            {t("report.back")}
          </Link>
        )}
      </form>
      <ReportActions report="supply-demand" query={{ province: provinceCode, year: graduationYear ? String(graduationYear) : undefined }} labels={{ csv: t("report.exportCsv"), xlsx: t("report.exportXlsx") }} />
      {drillable.length > 0 && (
        <nav aria-label={t("report.drillDown", { name: "" })} className="flex flex-wrap gap-2 print:hidden">
          {drillable.map(([code, name]) => (
            <Link key={code} href={`/reports?province=${code}${graduationYear ? `&year=${graduationYear}` : ""}`} className="badge bg-brand-50 text-brand-800">
              {t("report.drillDown", { name })}
            </Link>
          ))}
        </nav>
      )}
      {top.length > 0 && (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("report.topGaps")}</h2>
          <BarChart
            label={t("report.topGaps")}
            labels={top.map((r) => `${r.regionName} · ${r.className}`)}
            series={[
              { name: t("report.supply"), values: top.map((r) => r.supply), color: "#0f766e" },
              { name: t("report.demand"), values: top.map((r) => r.demand), color: "#b45309" },
            ]}
          />
        </section>
      )}
      {tables.map((table) => (
        <ReportTableView key={table.id} table={table} locale={locale} empty={t("report.noRows")} highlight={table.id as "shortage" | "surplus"} />
      ))}
    </div>
  );
}
