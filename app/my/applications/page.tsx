import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { ApplicationStatusBadge } from "../../_components/placements/status";
import { ApplicationActions } from "./application-actions";

export const metadata: Metadata = { title: "我的申请" };

/** The student's applications: where each stands, the interview and offer, and what they can do next. */
export default async function MyApplicationsPage() {
  const user = await requireUser("/my/applications");
  const t = await getTranslator();
  if (user.role !== "student") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const items = await (await serverCaller()).applications.mine();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("application.mine")}</h1>
      {items.length === 0 && (
        <p className="card">
          {t("application.none")} · <Link href="/search">{t("nav.search")}</Link>
        </p>
      )}
      <ul className="space-y-3">
        {items.map((a) => (
          <li key={a.id} className="card space-y-2" data-testid="my-application">
            <div className="flex flex-wrap items-center gap-2">
              <ApplicationStatusBadge status={a.status} t={t} />
              <Link href={`/postings/${a.postingId}`} className="font-semibold">
                {a.postingTitle}
              </Link>
              <span className="text-sm text-slate-600">
                {a.hostName} · {t("application.appliedAt", { date: f.date(a.createdAt) })}
              </span>
            </div>
            {a.status === "interview" && a.interviewAt && <p>{t("application.interview", { time: f.dateTime(a.interviewAt), place: a.interviewLocation ?? "" })}</p>}
            {a.offerStartDate && (a.status === "offered" || a.status === "accepted") && (
              <p>
                {t("application.offer", { date: f.date(`${a.offerStartDate}T12:00:00+08:00`) })}
                {a.offerNote ? ` · ${a.offerNote}` : ""}
              </p>
            )}
            {a.status === "rejected" && a.rejectionReason && <p className="text-slate-700">{t("application.rejected", { reason: a.rejectionReason })}</p>}
            {a.placementId ? (
              <Link href={`/placements/${a.placementId}`} className="btn-primary">
                {t("application.viewPlacement")}
              </Link>
            ) : (
              <ApplicationActions applicationId={a.id} title={a.postingTitle} status={a.status} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
