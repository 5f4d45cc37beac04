import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { participationTables, schoolOutcomeTables } from "@/server/reports/tables";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { BarChart } from "../../../_components/reports/bar-chart";
import { ReportActions, ReportTableView } from "../../../_components/reports/report-table";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "数据报表", robots: { index: false } };

/** A school's cooperation outcomes, or an enterprise's participation, by year, with exports. */
export default async function OrganisationReportsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/organisations/${id}/reports`);
  const t = await getTranslator();
  const locale = await getLocale();
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit && user.role !== "admin") return <NotAllowed t={t} />;
  const labels = { csv: t("report.exportCsv"), xlsx: t("report.exportXlsx") };

  if (org.kind === "school") {
    const data = await caller.reports.schoolOutcomes({ organisationId: id });
    const tables = schoolOutcomeTables(data, t);
    return (
      <div className="space-y-5">
        <h1 className="text-2xl font-bold">
          {t("report.schoolOutcomes")} · {org.name}
        </h1>
        <ReportActions report="school-outcomes" query={{ organisationId: id }} labels={labels} />
        {data.byYear.length > 0 && (
          <section className="card">
            <BarChart
              label={t("report.byYear")}
              height={Math.max(160, data.byYear.length * 60)}
              labels={data.byYear.map((r) => String(r.year))}
              series={[
                { name: t("report.studentsPlaced"), values: data.byYear.map((r) => r.placed), color: "#0f766e" },
                { name: t("report.withinGroup"), values: data.byYear.map((r) => r.withinGroup), color: "#1d4ed8" },
                { name: t("report.hiredAfter"), values: data.byYear.map((r) => r.hired), color: "#b45309" },
              ]}
            />
          </section>
        )}
        {tables.map((table) => (
          <ReportTableView key={table.id} table={table} locale={locale} empty={t("report.noRows")} />
        ))}
      </div>
    );
  }
  const data = await caller.reports.enterpriseParticipation({ organisationId: id });
  const tables = participationTables(data, t);
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">
          {t("report.enterpriseParticipation")} · {org.name}
        </h1>
        <p className="max-w-4xl text-sm text-slate-700">{t("report.participationLead")}</p>
      </div>
      <ReportActions report="enterprise-participation" query={{ organisationId: id }} labels={labels} />
      {data.byYear.length > 0 && (
        <section className="card">
          <BarChart
            label={t("report.participationByYear")}
            height={Math.max(160, data.byYear.length * 70)}
            labels={data.byYear.map((r) => String(r.year))}
            series={[
              { name: t("report.interns"), values: data.byYear.map((r) => r.interns), color: "#0f766e" },
              { name: t("report.apprentices"), values: data.byYear.map((r) => r.apprentices), color: "#1d4ed8" },
              { name: t("report.orderClassStudents"), values: data.byYear.map((r) => r.orderClass), color: "#7c3aed" },
              { name: t("report.mentors"), values: data.byYear.map((r) => r.mentors), color: "#b45309" },
            ]}
          />
        </section>
      )}
      {tables.map((table) => (
        <ReportTableView key={table.id} table={table} locale={locale} empty={t("report.noRows")} />
      ))}
    </div>
  );
}
