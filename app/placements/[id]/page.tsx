import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters, type Translate } from "@/server/i18n/messages";
import { readinessItems } from "@/server/placements/readiness";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { todayInChina } from "@/server/schemas/accounts";
import { FileComplaintForm } from "../../_components/complaints/complaint-forms";
import { ComplaintList } from "../../_components/complaints/complaint-list";
import { PaySection } from "../../_components/pay/pay-section";
import { PlacementStatusBadge } from "../../_components/placements/status";
import { orNull } from "../../_trpc/errors";
import { exceedsSixMonths } from "@/server/compliance/dates";
import { AmendmentForm, ApproveForm, CommentForm, ConfirmAmendmentButton, ConsentForm, EvaluationForm, InsuranceForm, LogForm, PlacementButton, TerminateButton, TutorForm } from "./placement-actions";

export const metadata: Metadata = { title: "实习详情", robots: { index: false } };

/** A placement as its three parties see it: what is missing before it starts, the agreement, logs and evaluations. */
export default async function PlacementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/placements/${id}`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const v = (await orNull(caller.placements.get({ placementId: id }))) ?? notFound();
  const p = v.placement;
  const party = v.party;
  const day = (d: string) => f.date(`${d}T12:00:00+08:00`);
  const orgOfParty = party === "school" ? p.schoolId : party === "host" ? p.hostId : null;
  const members = orgOfParty ? await caller.organisations.members({ organisationId: orgOfParty }) : [];
  // Issue 14: pay actually paid (all parties), and complaints — never fetched for the host, who may not know of them.
  const pay = await caller.pay.overview({ placementId: id });
  const complaintItems = party === "host" ? null : await caller.complaints.forPlacement({ placementId: id });
  const preparing = p.status === "pending_approval" || p.status === "approved";
  const running = p.status === "active" || p.status === "completed";
  const isPlacementInternship = v.posting.kind === "placement_internship";
  const confirmedBy = v.confirmations;
  const facts: [string, React.ReactNode][] = [
    [t("placement.student"), party === "student" ? v.student.name : <Link href={`/students/${p.studentId}`}>{v.student.name}</Link>],
    [t("placement.party.school"), <Link key="s" href={`/organisations/${p.schoolId}`}>{v.school.name}</Link>],
    [t("placement.host"), <Link key="h" href={`/organisations/${p.hostId}`}>{v.host.name}</Link>],
    [t("placement.posting"), <Link key="p" href={`/postings/${p.postingId}`}>{`${t(`kind.${v.posting.kind}`)} · ${v.posting.title}`}</Link>],
    [t("placement.dates"), `${day(p.startDate)} – ${day(p.endDate)}`],
    [t("placement.schoolTutor"), v.schoolTutorName ?? t("placement.notAssigned")],
    [t("placement.hostTutor"), v.hostTutorName ?? t("placement.notAssigned")],
  ];
  if (p.longPlacementReason) facts.push([t("placement.longReason"), p.longPlacementReason]);
  // The exception filed with the education authority (night shifts, overtime, holidays, high-risk work), as the posting states it.
  const d = v.posting.details;
  if (d.exceptionFiled === true && typeof d.exceptionReference === "string" && d.exceptionReference) {
    facts.push([t("field.exceptionFiled"), t("posting.filing", { reference: d.exceptionReference, date: typeof d.exceptionFiledOn === "string" && d.exceptionFiledOn ? day(d.exceptionFiledOn) : "—" })]);
  }
  const longSpan = isPlacementInternship && exceedsSixMonths(p.startDate, p.endDate) ? { start: p.startDate, end: p.endDate } : undefined;
  const pendingAmendment = v.amendments.find((a) => a.status === "pending");
  const confirmedAmendment = (a: NonNullable<typeof pendingAmendment>) => (party === "student" ? a.studentConfirmedAt : party === "school" ? a.schoolConfirmedAt : party === "host" ? a.hostConfirmedAt : null);

  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <PlacementStatusBadge status={p.status} t={t} />
        <h1 className="text-2xl font-bold">
          {t("placement.title")} · {v.student.name} · {v.posting.title}
        </h1>
        {p.status === "completed" && p.completedAt && <p>{t("placement.completedAt", { date: f.date(p.completedAt) })}</p>}
        {p.hiredAfter && <p className="text-emerald-800">{t("report.hired")}</p>}
        {party === "host" && p.status === "completed" && !p.hiredAfter && <PlacementButton placementId={p.id} run="markHired" label={t("report.markHired")} primary={false} />}
        {p.status === "terminated" && <p className="text-red-800">{t("placement.terminatedReason", { reason: p.terminationReason ?? "" })}</p>}
      </header>

      <dl className="card grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      {party === "school" && p.status === "pending_approval" && <ApproveForm placementId={p.id} members={members} studentName={v.student.name} longSpan={longSpan} />}

      {preparing && (
        <section className="card space-y-2" aria-labelledby="readiness-heading" data-testid="readiness">
          <h2 id="readiness-heading" className="text-lg font-semibold">
            {v.missing.length ? t("placement.missing") : t("placement.ready")}
          </h2>
          <ul className="space-y-1">
            {readinessItems
              .filter((item) => isPlacementInternship || ["schoolApproval", "schoolTutor", "hostTutor"].includes(item))
              .filter((item) => item !== "guardianConsent" || v.guardianConsentNeeded)
              .map((item) => {
                const missing = v.missing.includes(item);
                return (
                  <li key={item} className={missing ? "text-slate-900" : "text-emerald-800"}>
                    <span aria-hidden="true">{missing ? "○ " : "✓ "}</span>
                    <span className="sr-only">{missing ? t("common.stepMissing") : t("common.stepDone")}</span>
                    {t(`placement.readiness.${item}`)}
                  </li>
                );
              })}
          </ul>
          {(party === "school" || party === "host") && p.status === "approved" && v.missing.length === 0 && <PlacementButton placementId={p.id} run="start" label={t("placement.start")} />}
        </section>
      )}

      {(party === "host" || (party === "school" && p.status !== "pending_approval")) && (preparing || p.status === "active") && (
        <section className="card space-y-3">
          <TutorForm placementId={p.id} members={members} current={party === "school" ? p.schoolTutorId : p.hostTutorId} label={party === "school" ? t("placement.schoolTutor") : t("placement.hostTutor")} />
        </section>
      )}

      {isPlacementInternship && (
        <section className="card space-y-3" aria-labelledby="insurance-heading">
          <h2 id="insurance-heading" className="text-lg font-semibold">
            {t("placement.insurance")}
          </h2>
          {p.insurancePolicyNumber && (
            <p data-testid="insurance">
              {t("placement.insuranceRecorded", { insurer: p.insurer ?? "", policy: p.insurancePolicyNumber, payer: t(`option.insurancePaidBy.${p.insurancePaidBy ?? "host"}`) })}
            </p>
          )}
          {(party === "school" || party === "host") && preparing && <InsuranceForm placementId={p.id} />}
        </section>
      )}

      {isPlacementInternship && (
        <section className="card space-y-3" aria-labelledby="consent-heading">
          <h2 id="consent-heading" className="text-lg font-semibold">
            {t("placement.consent")}
          </h2>
          {p.studentConsentAt && <p>{t("placement.consentGiven", { time: f.dateTime(p.studentConsentAt) })}</p>}
          {p.guardianConsentAt && <p>{t("placement.guardianGiven", { name: p.guardianName ?? "", relation: p.guardianRelation ?? "", time: f.dateTime(p.guardianConsentAt) })}</p>}
          {party === "student" && preparing && !p.studentConsentAt && <ConsentForm placementId={p.id} guardianNeeded={v.guardianConsentNeeded} />}
        </section>
      )}

      {isPlacementInternship && (
        <section className="card space-y-3" aria-labelledby="agreement-heading">
          <h2 id="agreement-heading" className="text-lg font-semibold">
            {t("placement.agreement")}
          </h2>
          {p.status === "active" || p.status === "completed" ? <p>{t("placement.agreementFrozen")}</p> : !v.agreementReady && <p className="text-slate-700">{t("placement.agreementNotReady")}</p>}
          <ul className="space-y-1" data-testid="agreement-confirmations">
            {(["student", "school", "host"] as const).map((who) => (
              <li key={who}>{confirmedBy[who] ? t("placement.confirmed", { party: t(`placement.party.${who}`), time: f.dateTime(confirmedBy[who]) }) : t("placement.notConfirmed", { party: t(`placement.party.${who}`) })}</li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <Link href={`/placements/${p.id}/agreement`} className="btn-secondary">
              {t("placement.viewAgreement")}
            </Link>
            {party !== "admin" && p.status === "approved" && v.agreementReady && !confirmedBy[party] && (
              <PlacementButton placementId={p.id} run="confirmAgreement" digest={v.agreement.digest} label={t("placement.confirmAgreement")} />
            )}
          </div>
        </section>
      )}

      {(v.amendments.length > 0 || ((party === "school" || party === "host") && (preparing || p.status === "active"))) && (
        <section className="card space-y-3" aria-labelledby="amendments-heading" data-testid="amendments">
          <h2 id="amendments-heading" className="text-lg font-semibold">
            {t("placement.amendments")}
          </h2>
          <p className="text-sm text-slate-700">{t("placement.amendmentsHint")}</p>
          <ul className="space-y-2">
            {v.amendments.map((a) => (
              <li key={a.id} className="space-y-1">
                <p>
                  <span className="badge mr-2 bg-slate-100 text-slate-800">{t(`placement.amendmentStatus.${a.status}`)}</span>
                  {t("placement.amendmentLine", { from: day(a.previousEndDate), to: day(a.newEndDate), reason: a.reason, name: a.proposedByName ?? "—" })}
                </p>
                {a.status === "pending" && (
                  <ul className="text-sm">
                    {(["student", "school", "host"] as const).map((who) => {
                      const at = who === "student" ? a.studentConfirmedAt : who === "school" ? a.schoolConfirmedAt : a.hostConfirmedAt;
                      return <li key={who}>{at ? t("placement.confirmed", { party: t(`placement.party.${who}`), time: f.dateTime(at) }) : t("placement.notConfirmed", { party: t(`placement.party.${who}`) })}</li>;
                    })}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {pendingAmendment && party !== "admin" && !confirmedAmendment(pendingAmendment) && <ConfirmAmendmentButton placementId={p.id} amendmentId={pendingAmendment.id} />}
          {(party === "school" || party === "host") && (preparing || p.status === "active") && <AmendmentForm placementId={p.id} endDate={p.endDate} />}
        </section>
      )}

      {running && <Logs v={v} t={t} f={f} />}
      {running && <Evaluations v={v} t={t} />}
      <PaySection placementId={p.id} v={pay} t={t} f={f} locale={await getLocale()} />
      {complaintItems && party !== "host" && (
        <section id="complaints" className="card space-y-3" aria-labelledby="complaints-heading">
          <h2 id="complaints-heading" className="text-lg font-semibold">
            {t("complaint.title")}
          </h2>
          {party === "student" && (
            <>
              <p className="text-sm text-slate-700">{t("complaint.lead")}</p>
              <FileComplaintForm placementId={p.id} />
              {complaintItems.length > 0 && <h3 className="font-semibold">{t("complaint.mine")}</h3>}
            </>
          )}
          <ComplaintList items={complaintItems} viewer={party === "student" ? "student" : party === "school" ? "school" : "admin"} t={t} f={f} showPlacement={false} />
        </section>
      )}

      {(party === "school" || party === "host") && (preparing || p.status === "active") && (
        <div className="flex flex-wrap gap-2">
          {p.status === "active" && <PlacementButton placementId={p.id} run="complete" label={t("placement.complete")} />}
          {p.status !== "pending_approval" && <TerminateButton placementId={p.id} name={v.student.name} />}
        </div>
      )}
      <p className="text-sm text-slate-600">{t("placement.noTracking")}</p>
    </article>
  );
}

type View = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["placements"]["get"]>>;

function Logs({ v, t, f }: { v: View; t: Translate; f: ReturnType<typeof formatters> }) {
  const canComment = (v.party === "school" || v.party === "host") && v.placement.status === "active";
  return (
    <section className="space-y-3" aria-labelledby="logs-heading">
      <h2 id="logs-heading" className="text-lg font-semibold">
        {t("placement.logs")}
      </h2>
      {v.party === "student" && v.placement.status === "active" && <LogForm placementId={v.placement.id} today={todayInChina()} />}
      {v.logs.length === 0 && <p className="card">{t("placement.noLogs")}</p>}
      <ul className="space-y-3">
        {v.logs.map((log) => (
          <li key={log.id} className="card space-y-2" data-testid="weekly-log">
            <h3 className="font-semibold">{t("placement.week", { date: f.date(`${log.weekStart}T12:00:00+08:00`) })}</h3>
            <p className="whitespace-pre-line">{log.content}</p>
            {log.comments.map((c) => (
              <blockquote key={c.id} className="border-l-4 border-brand-100 pl-3 text-slate-800" data-testid="log-comment">
                <p className="text-sm text-slate-600">
                  {t(`placement.party.${c.party}`)} · {c.authorName ?? ""} · {f.dateTime(c.createdAt)}
                </p>
                <p className="whitespace-pre-line">{c.content}</p>
              </blockquote>
            ))}
            {canComment && <CommentForm logId={log.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Evaluations({ v, t }: { v: View; t: Translate }) {
  const mine = v.party !== "admin" && !v.evaluations.some((e) => e.party === v.party);
  return (
    <section className="space-y-3" aria-labelledby="evaluations-heading">
      <h2 id="evaluations-heading" className="text-lg font-semibold">
        {t("placement.evaluations")}
      </h2>
      <ul className="space-y-2">
        {(["school", "host", "student"] as const).map((side) => {
          const e = v.evaluations.find((x) => x.party === side);
          return (
            <li key={side} className="card" data-testid={`evaluation-${side}`}>
              <h3 className="font-semibold">{t(`placement.evaluation.${side}`)}</h3>
              {e ? (
                <p>
                  {"★".repeat(e.score)}
                  <span className="sr-only">{e.score} / 5</span> · {e.comment} {e.authorName ? `（${e.authorName}）` : ""}
                </p>
              ) : (
                <p className="text-slate-600">{t("placement.notEvaluated")}</p>
              )}
            </li>
          );
        })}
      </ul>
      {mine && v.party !== "admin" && <EvaluationForm placementId={v.placement.id} label={t(`placement.evaluation.${v.party}`)} />}
    </section>
  );
}
