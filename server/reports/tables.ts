import type { Translate } from "../i18n/messages";
import type { enterpriseParticipation, platformOverview, schoolOutcomes } from "./outcomes";
import type { SupplyDemandReport, SupplyDemandRow } from "./supply-demand";

/**
 * Every report as tables: the page renders these and the CSV/XLSX exports write these, so a spreadsheet
 * always shows the same numbers, under the same (localised) headers, as the page.
 */
export interface ReportTable {
  id: string;
  title: string;
  columns: { key: string; header: string; numeric?: boolean }[];
  rows: Record<string, string | number | null>[];
}

/**
 * The totals first (they reconcile: demand is the open seats of the open postings in scope, each counted once),
 * then the shortages and the surpluses by region and class, named and inferred demand in columns of their own.
 */
export function supplyDemandTables(report: SupplyDemandReport, t: Translate, regionHeader: string): ReportTable[] {
  const columns = [
    { key: "regionName", header: regionHeader },
    { key: "className", header: t("report.class") },
    { key: "classCode", header: t("report.classCode") },
    { key: "supply", header: t("report.supplyCohort", { year: String(report.graduationYear) }), numeric: true },
    { key: "namedDemand", header: t("report.namedDemand"), numeric: true },
    { key: "inferredDemand", header: t("report.inferredDemand"), numeric: true },
    { key: "demand", header: t("report.demand"), numeric: true },
    { key: "gap", header: t("report.gap"), numeric: true },
  ];
  const pick = (list: SupplyDemandRow[]) =>
    list.map((r) => ({ regionName: r.regionName, className: r.className, classCode: r.classCode, supply: r.supply, namedDemand: r.namedDemand, inferredDemand: r.inferredDemand, demand: r.demand, gap: r.gap }));
  const { totals } = report;
  return [
    {
      id: "totals",
      title: t("report.totals"),
      columns,
      rows: [{ regionName: t("report.totalsRegion"), className: "", classCode: "", supply: totals.supply, namedDemand: totals.namedDemand, inferredDemand: totals.inferredDemand, demand: totals.demand, gap: totals.demand - totals.supply }],
    },
    { id: "shortage", title: t("report.shortage"), columns, rows: pick(report.rows.filter((r) => r.gap > 0)) },
    { id: "surplus", title: t("report.surplus"), columns, rows: pick(report.rows.filter((r) => r.gap < 0)) },
  ];
}

export function schoolOutcomeTables(data: Awaited<ReturnType<typeof schoolOutcomes>>, t: Translate): ReportTable[] {
  const s = data.summary;
  return [
    {
      id: "summary",
      title: t("report.summary"),
      columns: [
        { key: "metric", header: t("report.metric") },
        { key: "value", header: t("report.value"), numeric: true },
      ],
      rows: [
        { metric: t("report.partnerEnterprises"), value: s.partnerEnterprises },
        { metric: t("report.studentsPlaced"), value: s.studentsPlaced },
        { metric: t("report.orderClassStudents"), value: s.orderClassStudents },
        { metric: t("report.apprentices"), value: s.apprentices },
        { metric: t("report.withinGroupShare"), value: s.withinGroupShare },
        { metric: t("report.hostRating"), value: s.hostRating },
        { metric: t("report.hiredAfter"), value: s.hiredAfter },
      ],
    },
    {
      id: "byYear",
      title: t("report.byYear"),
      columns: [
        { key: "year", header: t("report.year") },
        { key: "placed", header: t("report.studentsPlaced"), numeric: true },
        { key: "withinGroup", header: t("report.withinGroup"), numeric: true },
        { key: "orderClass", header: t("report.orderClassStudents"), numeric: true },
        { key: "apprentices", header: t("report.apprentices"), numeric: true },
        { key: "hosts", header: t("report.partnerEnterprises"), numeric: true },
        { key: "hired", header: t("report.hiredAfter"), numeric: true },
      ],
      rows: data.byYear.map((r) => ({ ...r })),
    },
    {
      id: "hosts",
      title: t("report.whereStudentsWent"),
      columns: [
        { key: "hostName", header: t("report.host") },
        { key: "regionName", header: t("report.region") },
        { key: "placed", header: t("report.studentsPlaced"), numeric: true },
        { key: "hired", header: t("report.hiredAfter"), numeric: true },
        { key: "rating", header: t("report.hostRating"), numeric: true },
      ],
      rows: data.hosts.map((h) => ({ hostName: h.hostName, regionName: h.regionName, placed: h.placed, hired: h.hired, rating: h.rating })),
    },
    {
      id: "students",
      title: t("report.placedStudents"),
      columns: [
        { key: "studentName", header: t("placement.student") },
        { key: "specialtyName", header: t("student.specialty") },
        { key: "hostName", header: t("report.host") },
        { key: "postingTitle", header: t("placement.posting") },
        { key: "startDate", header: t("report.startDate") },
        { key: "endDate", header: t("report.endDate") },
        { key: "status", header: t("placement.status") },
      ],
      rows: data.placedStudents.map((p) => ({ ...p, status: t(`placement.status.${p.status}`) })),
    },
  ];
}

export function participationTables(data: Awaited<ReturnType<typeof enterpriseParticipation>>, t: Translate): ReportTable[] {
  return [
    {
      id: "byYear",
      title: t("report.participationByYear"),
      columns: [
        { key: "year", header: t("report.year") },
        { key: "interns", header: t("report.interns"), numeric: true },
        { key: "apprentices", header: t("report.apprentices"), numeric: true },
        { key: "orderClass", header: t("report.orderClassStudents"), numeric: true },
        { key: "trainingBases", header: t("report.trainingBases"), numeric: true },
        { key: "mentors", header: t("report.mentors"), numeric: true },
        { key: "schools", header: t("report.schools"), numeric: true },
        { key: "hired", header: t("report.hiredAfter"), numeric: true },
      ],
      rows: data.byYear.map((r) => ({ ...r })),
    },
    {
      id: "schools",
      title: t("report.schoolsWorkedWith"),
      columns: [
        { key: "schoolName", header: t("placement.party.school") },
        { key: "students", header: t("report.studentsHosted"), numeric: true },
      ],
      rows: data.schools.map((s) => ({ schoolName: s.schoolName, students: s.students })),
    },
  ];
}

export function overviewTables(data: Awaited<ReturnType<typeof platformOverview>>, t: Translate): ReportTable[] {
  const twoColumns = (id: string, title: string, rows: { label: string; count: number }[]): ReportTable => ({
    id,
    title,
    columns: [
      { key: "label", header: t("report.item") },
      { key: "count", header: t("report.count"), numeric: true },
    ],
    rows,
  });
  const orgLabel = (k: string) => {
    const [kind, status] = k.split(":");
    return `${t(`role.${kind as "school" | "enterprise"}`)} · ${t(`status.${status as "pending" | "verified" | "rejected"}`)}`;
  };
  return [
    twoColumns("organisations", t("report.organisations"), data.organisations.map((r) => ({ label: orgLabel(r.key), count: r.count }))),
    twoColumns("users", t("report.users"), [...data.usersByRole.map((r) => ({ label: t(`role.${r.key as "student"}`), count: r.count }))]),
    twoColumns("postings", t("report.postingsByKind"), data.postingsByKind.map((r) => ({ label: t(`kind.${r.key as "placement_internship"}`), count: r.count }))),
    twoColumns("postingStatus", t("report.postingsByStatus"), data.postingsByStatus.map((r) => ({ label: t(`postingStatus.${r.key as "draft"}`), count: r.count }))),
    twoColumns("applications", t("report.applications"), data.applications.map((r) => ({ label: t(`application.status.${r.key as "submitted"}`), count: r.count }))),
    twoColumns("placements", t("report.placements"), data.placements.map((r) => ({ label: t(`placement.status.${r.key as "active"}`), count: r.count }))),
    twoColumns("provinces", t("report.topProvinces"), data.topProvinces.map((r) => ({ label: r.name, count: r.postings }))),
  ];
}
