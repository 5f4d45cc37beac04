import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ExportLinks } from "../../../_components/export-links";
import { NotAllowed } from "../../../_components/not-allowed";
import { ApplicationStatusBadge, PlacementStatusBadge } from "../../../_components/placements/status";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "实习管理", robots: { index: false } };

/**
 * A school's view: every placement of its students, their applications, and who has no placement yet.
 * An enterprise's view: the placements it hosts.
 */
export default async function OrganisationPlacementsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/placements`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit) return <NotAllowed t={t} />;
  const isSchool = org.kind === "school";
  const placements = await caller.placements.listForOrganisation({ organisationId: id });
  const applications = isSchool ? await caller.applications.forSchool({ organisationId: id }) : [];
  const waiting = isSchool ? await caller.applications.withoutPlacement({ organisationId: id }) : [];
  const day = (d: string) => f.date(`${d}T12:00:00+08:00`);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">
        {t("placement.manage")} · {org.name}
      </h1>
      <section className="space-y-2" aria-labelledby="placements-heading">
        <h2 id="placements-heading" className="text-lg font-semibold">
          {t("common.withCount", { label: t("placement.placements"), n: f.number(placements.length) })}
        </h2>
        <ExportLinks t={t} list="placements" params={{ organisationId: id }} />
        {placements.length === 0 && (
          <p className="card" data-testid="placements-empty">
            {t("placement.none")} · {isSchool ? t("placement.noneNextSchool") : t("placement.noneNextHost")}{" "}
            {isSchool ? <Link href="/search?kind=placement_internship">{t("placement.browse")}</Link> : <Link href={`/organisations/${id}/postings`}>{t("placement.toPostings")}</Link>}
          </p>
        )}
        <ul className="space-y-2">
          {placements.map((p) => (
            <li key={p.id} className="card flex flex-wrap items-center gap-2" data-testid="placement-row">
              <PlacementStatusBadge status={p.status} t={t} />
              <Link href={`/placements/${p.id}`} className="font-semibold">
                {p.studentName} · {p.postingTitle}
              </Link>
              <span className="text-sm text-slate-600">
                {isSchool ? p.hostName : p.schoolName} · {day(p.startDate)} – {day(p.endDate)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {isSchool && (
        <section className="space-y-2" aria-labelledby="applications-heading">
          <h2 id="applications-heading" className="text-lg font-semibold">
            {t("common.withCount", { label: t("placement.applicationsOfStudents"), n: f.number(applications.length) })}
          </h2>
          <ExportLinks t={t} list="applications" params={{ organisationId: id }} />
          {applications.length === 0 && <p className="card">{t("placement.none")}</p>}
          <ul className="space-y-2">
            {applications.map((a) => (
              <li key={a.id} className="card flex flex-wrap items-center gap-2">
                <ApplicationStatusBadge status={a.status} t={t} />
                <Link href={`/students/${a.studentId}`}>{a.studentName}</Link>
                <span>·</span>
                <Link href={`/postings/${a.postingId}`}>{a.postingTitle}</Link>
                <span className="text-sm text-slate-600">
                  {a.hostName} · {t("application.appliedAt", { date: f.date(a.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {isSchool && (
        <section className="space-y-2" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading" className="text-lg font-semibold">
            {t("common.withCount", { label: t("placement.withoutPlacement"), n: f.number(waiting.length) })}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {waiting.map((s) => (
              <li key={s.userId} className="card">
                <Link href={`/students/${s.userId}`}>{s.name}</Link>
                <span className="text-sm text-slate-600">
                  {" "}
                  · {s.specialtyName} · {t("student.year", { year: s.enrolmentYear })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
