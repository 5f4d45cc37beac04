import { todayInChina } from "@/server/schemas/accounts";
import { currentCohortYear } from "@/server/reports/supply-demand";
import type { Metadata } from "next";
import Link from "next/link";
import { supplyDemandTables } from "@/server/reports/tables";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { FilterForm, SelectFilter } from "../_components/filters";
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
  const report = await caller.reports.supplyDemand({ provinceCode, graduationYear });
  const { rows } = report;
  const provinces = await caller.reference.children({ taxonomy: "region", parentCode: null });
  const provinceName = provinces.find((p) => p.code === provinceCode)?.name;
  const tables = supplyDemandTables(report, t, provinceCode ? t("report.city") : t("report.province"));
  const top = rows.slice(0, 12);
  const cohort = currentCohortYear(todayInChina());
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
      <FilterForm
        submitLabel={t("report.filter")}
        extra={
          provinceCode && (
            <Link href="/reports" className="btn-secondary">
              {t("report.back")}
            </Link>
          )
        }
      >
        <SelectFilter name="province" label={t("report.province")} emptyLabel={t("report.allProvinces")} value={provinceCode} options={provinces.map((p) => ({ value: p.code, label: p.name }))} />
        <SelectFilter name="year" label={t("report.graduationYear")} emptyLabel={t("report.currentCohort", { year: String(cohort) })} value={graduationYear ? String(graduationYear) : undefined} options={[0, 1, 2, 3].map((d) => ({ value: String(cohort + d), label: String(cohort + d) }))} />
      </FilterForm>
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
              { name: t("report.supplyCohort", { year: String(report.graduationYear) }), values: top.map((r) => r.supply), color: "#0f766e" },
              { name: t("report.namedDemand"), values: top.map((r) => r.namedDemand), color: "#b45309", stack: "demand" },
              // Shown apart (a lighter, distinct colour): a guess from the posting's industry, not what it asked for.
              { name: t("report.inferredDemand"), values: top.map((r) => r.inferredDemand), color: "#fcd34d", stack: "demand" },
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
