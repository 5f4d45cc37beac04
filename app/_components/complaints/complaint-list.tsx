import Link from "next/link";
import type { formatters, Translate } from "@/server/i18n/messages";
import type { serverCaller } from "@/server/request";
import { ComplaintReplyForm } from "./complaint-forms";

type Complaint = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["complaints"]["all"]>>[number];

const statusColour: Record<string, string> = {
  submitted: "bg-amber-100 text-amber-900",
  in_progress: "bg-sky-100 text-sky-900",
  resolved: "bg-emerald-100 text-emerald-900",
  closed: "bg-slate-100 text-slate-800",
};

/**
 * Complaints with their thread, deadline and status, for the student's placement page, the school's list
 * and the administrators' list. `viewer` decides who may move the status (school staff, administrators).
 */
export function ComplaintList({ items, viewer, t, f, showPlacement }: { items: Complaint[]; viewer: "student" | "school" | "admin"; t: Translate; f: ReturnType<typeof formatters>; showPlacement: boolean }) {
  if (items.length === 0) return <p className="card">{t("complaint.none")}</p>;
  const day = (d: string) => f.date(`${d}T12:00:00+08:00`);
  return (
    <ul className="space-y-3">
      {items.map((c) => (
        <li key={c.id} id={`complaint-${c.id}`} className="card space-y-2" data-testid="complaint">
          <div className="flex flex-wrap items-center gap-2">
            <span className={`badge ${statusColour[c.status] ?? ""}`}>{t(`complaint.status.${c.status}`)}</span>
            <h3 className="font-semibold">{t(`complaint.category.${c.category}`)}</h3>
            {c.overdue && <span className="badge bg-red-100 text-red-900">{t("complaint.overdue")}</span>}
            <span className="text-sm text-slate-600">
              {t("complaint.filedAt", { time: f.dateTime(c.createdAt) })} · {t("complaint.replyDue", { date: day(c.replyDueOn) })}
            </span>
          </div>
          {showPlacement && (
            <p className="text-sm text-slate-700">
              {t("common.label", { label: t("complaint.placement") })}<Link href={`/placements/${c.placementId}`}>{`${c.studentName} · ${c.postingTitle}`}</Link> · {c.hostName} · {c.schoolName} · {day(c.placementStart)} – {day(c.placementEnd)}
            </p>
          )}
          <p className="text-sm text-slate-600">{t(`complaint.reporter.${c.reporter}`)}</p>
          <p className="whitespace-pre-line">{c.description}</p>
          {c.replies.map((r) => (
            <blockquote key={r.id} className="border-l-4 border-brand-100 pl-3" data-testid="complaint-reply">
              <p className="text-sm text-slate-600">
                {t(`complaint.side.${r.side}`)} · {r.authorName ?? ""} · {f.dateTime(r.createdAt)}
                {r.status ? ` · ${t(`complaint.status.${r.status}`)}` : ""}
              </p>
              <p className="whitespace-pre-line">{r.body}</p>
            </blockquote>
          ))}
          {c.status !== "closed" && <ComplaintReplyForm complaintId={c.id} canSetStatus={viewer !== "student"} />}
        </li>
      ))}
    </ul>
  );
}
