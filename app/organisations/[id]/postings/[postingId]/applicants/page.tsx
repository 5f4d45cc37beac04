import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ExportLinks } from "../../../../../_components/export-links";
import { ApplicationStatusBadge } from "../../../../../_components/placements/status";
import { orNull } from "../../../../../_trpc/errors";
import { ApplicantActions } from "./applicant-actions";

export const metadata: Metadata = { title: "申请人管理", robots: { index: false } };

/** The host's pipeline for one posting: each applicant, their state, and the next moves. */
export default async function ApplicantsPage({ params }: { params: Promise<{ id: string; postingId: string }> }) {
  const { id, postingId } = await params;
  await requireUser(`/organisations/${id}/postings/${postingId}/applicants`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const data = (await orNull((await serverCaller()).applications.applicants({ organisationId: id, postingId }))) ?? notFound();
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">
          {t("applicants.title")} · <Link href={`/postings/${postingId}`}>{data.posting.title}</Link>
        </h1>
        <p className="text-slate-700">{t("applicants.seats", { quantity: f.number(data.posting.quantity), taken: f.number(data.seatsTaken) })}</p>
        <ExportLinks t={t} list="applicants" params={{ organisationId: id, postingId }} />
      </div>
      {data.items.length === 0 && <p className="card">{t("applicants.none")}</p>}
      <ul className="space-y-3">
        {data.items.map((a) => (
          <li key={a.id} className="card space-y-2" data-testid="applicant">
            <div className="flex flex-wrap items-center gap-2">
              <ApplicationStatusBadge status={a.status} t={t} />
              <Link href={`/students/${a.studentId}`} className="font-semibold">
                {a.studentName}
              </Link>
              <span className="text-sm text-slate-600">
                {a.schoolName} · {a.specialtyName} · {t("student.year", { year: a.enrolmentYear })} · {t("application.appliedAt", { date: f.date(a.createdAt) })}
              </span>
            </div>
            {a.coverNote && <p className="whitespace-pre-line text-slate-800">{a.coverNote}</p>}
            {a.status === "interview" && a.interviewAt && <p>{t("application.interview", { time: f.dateTime(a.interviewAt), place: a.interviewLocation ?? "" })}</p>}
            {a.offerStartDate && a.status === "offered" && <p>{t("application.offer", { date: f.date(`${a.offerStartDate}T12:00:00+08:00`) })}</p>}
            {a.status === "rejected" && a.rejectionReason && <p className="text-slate-700">{t("application.rejected", { reason: a.rejectionReason })}</p>}
            {a.placementId ? (
              <Link href={`/placements/${a.placementId}`} className="btn-secondary">
                {t("application.viewPlacement")}
              </Link>
            ) : (
              <ApplicantActions organisationId={id} applicationId={a.id} name={a.studentName} status={a.status} defaultStart={data.posting.startDate} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
