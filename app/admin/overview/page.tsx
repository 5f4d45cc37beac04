import type { Metadata } from "next";
import Link from "next/link";
import { overviewTables } from "@/server/reports/tables";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { BarChart } from "../../_components/reports/bar-chart";
import { ReportActions, ReportTableView } from "../../_components/reports/report-table";

export const metadata: Metadata = { title: "平台概览" };

export default async function AdminOverviewPage() {
  const user = await requireUser("/admin/overview");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const locale = await getLocale();
  const data = await (await serverCaller()).reports.overview();
  const tables = overviewTables(data, t);
  const kinds = tables.find((x) => x.id === "postings")!;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("report.overview")}</h1>
      <p>{t("report.studentsTotal", { n: formatters(locale).number(data.students) })}</p>
      <ReportActions report="overview" query={{}} labels={{ csv: t("report.exportCsv"), xlsx: t("report.exportXlsx") }} />
      <p className="flex flex-wrap gap-4">
        <Link href="/admin/funnels">{t("funnel.adminTitle")}</Link>
        <Link href="/admin/outbox">{t("outbox.title")}</Link>
      </p>
      <section className="card">
        <BarChart label={kinds.title} labels={kinds.rows.map((r) => String(r.label))} series={[{ name: t("report.count"), values: kinds.rows.map((r) => Number(r.count)), color: "#0f766e" }]} />
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        {tables.map((table) => (
          <ReportTableView key={table.id} table={table} locale={locale} empty={t("report.noRows")} />
        ))}
      </div>
    </div>
  );
}
