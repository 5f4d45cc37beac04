import type { Translate } from "../i18n/messages";
import { todayInChina } from "../schemas/accounts";
import type { ReportTable } from "../reports/tables";
import type { createCaller } from "../root";

/**
 * Every list page's rows as one table, for CSV and XLSX (the writers of server/reports/export.ts). Each list is
 * read through the same tRPC procedure as its page, with the page's filters: the same authorisation (a member of
 * the organisation; the host's applicants only for a verified host), the same rows and the same fields — a closed
 * application's applicant keeps the display name here too. Students' contact data, birth dates and CVs are in no
 * list, so no export carries them.
 */
export const listNames = ["students", "applicants", "placements", "applications", "projects"] as const;
export type ListName = (typeof listNames)[number];
/** Lists naming students: exporting them is recorded in the audit log with `personalData`. */
export const studentLists: readonly ListName[] = ["students", "applicants", "placements", "applications"];

type Caller = ReturnType<typeof createCaller>;

/** The students list pages by 100 (the procedure's cap); the export follows the pages to the end. */
async function allStudents(caller: Caller, organisationId: string, query: string | undefined) {
  const items = [];
  for (let cursor: number | null = 0; cursor !== null; ) {
    const page = await caller.students.listForSchool({ organisationId, query, cursor, limit: 100 });
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
}

/** A list's table, read with the caller's own permissions; throws the procedure's TRPCError when refused. */
export async function listTable(caller: Caller, list: ListName, params: URLSearchParams, t: Translate): Promise<ReportTable> {
  const organisationId = params.get("organisationId") ?? "";
  const status = params.get("status") || undefined;
  // The day as the page shows it: in China.
  const day = (d: Date) => todayInChina(d);
  switch (list) {
    case "students": {
      const rows = await allStudents(caller, organisationId, params.get("query")?.trim() || undefined);
      return {
        id: list,
        title: t("exports.students"),
        columns: [
          { key: "name", header: t("exports.col.name") },
          { key: "specialty", header: t("exports.col.specialty") },
          { key: "enrolmentYear", header: t("exports.col.enrolmentYear"), numeric: true },
        ],
        rows: rows.map((s) => ({ name: s.name, specialty: s.specialtyName, enrolmentYear: s.enrolmentYear })),
      };
    }
    case "applicants": {
      const data = await caller.applications.applicants({ organisationId, postingId: params.get("postingId") ?? "" });
      return {
        id: list,
        title: `${t("exports.applicants")} · ${data.posting.title}`,
        columns: [
          { key: "name", header: t("exports.col.name") },
          { key: "status", header: t("exports.col.status") },
          { key: "school", header: t("exports.col.school") },
          { key: "specialty", header: t("exports.col.specialty") },
          { key: "enrolmentYear", header: t("exports.col.enrolmentYear"), numeric: true },
          { key: "appliedAt", header: t("exports.col.appliedAt") },
        ],
        rows: data.items.map((a) => ({
          name: a.studentName,
          status: t(`application.status.${a.status}`),
          school: a.schoolName,
          specialty: a.specialtyName,
          enrolmentYear: a.enrolmentYear,
          appliedAt: day(a.createdAt),
        })),
      };
    }
    case "placements": {
      const rows = await caller.placements.listForOrganisation({ organisationId, status: status as never });
      return {
        id: list,
        title: t("exports.placements"),
        columns: [
          { key: "status", header: t("exports.col.status") },
          { key: "name", header: t("exports.col.name") },
          { key: "posting", header: t("exports.col.posting") },
          { key: "school", header: t("exports.col.school") },
          { key: "host", header: t("exports.col.host") },
          { key: "startDate", header: t("exports.col.startDate") },
          { key: "endDate", header: t("exports.col.endDate") },
        ],
        rows: rows.map((p) => ({ status: t(`placement.status.${p.status}`), name: p.studentName, posting: p.postingTitle, school: p.schoolName, host: p.hostName, startDate: p.startDate, endDate: p.endDate })),
      };
    }
    case "applications": {
      const rows = await caller.applications.forSchool({ organisationId, status: status as never });
      return {
        id: list,
        title: t("exports.applications"),
        columns: [
          { key: "status", header: t("exports.col.status") },
          { key: "name", header: t("exports.col.name") },
          { key: "posting", header: t("exports.col.posting") },
          { key: "host", header: t("exports.col.host") },
          { key: "appliedAt", header: t("exports.col.appliedAt") },
        ],
        rows: rows.map((a) => ({ status: t(`application.status.${a.status}`), name: a.studentName, posting: a.postingTitle, host: a.hostName, appliedAt: day(a.createdAt) })),
      };
    }
    case "projects": {
      const { projects } = await caller.cooperation.ledger({ organisationId });
      return {
        id: list,
        title: t("exports.projects"),
        columns: [
          { key: "title", header: t("coop.title") },
          { key: "kind", header: t("exports.col.kind") },
          { key: "school", header: t("exports.col.school") },
          { key: "enterprise", header: t("role.enterprise") },
          { key: "startDate", header: t("exports.col.startDate") },
          { key: "endDate", header: t("exports.col.endDate") },
          { key: "studentCount", header: t("coop.studentCount"), numeric: true },
          { key: "mentorCount", header: t("coop.mentorCount"), numeric: true },
          { key: "status", header: t("exports.col.status") },
        ],
        rows: projects.map((p) => ({
          title: p.title,
          kind: t(`coop.kind.${p.kind}`),
          school: p.schoolName,
          enterprise: p.enterpriseName,
          startDate: p.startDate,
          endDate: p.endDate,
          studentCount: p.studentCount,
          mentorCount: p.mentorCount,
          status: t(`coop.project.status.${p.status}`),
        })),
      };
    }
  }
}
