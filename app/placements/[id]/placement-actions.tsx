"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { insurancePayers } from "@/server/compliance/rules";
import { Field, FormError } from "../../_components/form";
import { useT } from "../../_components/i18n";
import { RejectButton } from "../../_components/reject-button";
import { useAction } from "../../_components/use-action";

interface Member {
  userId: string;
  name: string;
}

function TutorSelect({ id, label, members, value, onChange, error }: { id: string; label: string; members: Member[]; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <Field id={id} label={label} error={error} required>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The school approves the placement and names its tutor, or declines it with a reason. A 岗位实习 longer than
 * six months (`longSpan`, from the dates) asks for the school's reason.
 */
export function ApproveForm({ placementId, members, studentName, longSpan }: { placementId: string; members: Member[]; studentName: string; longSpan?: { start: string; end: string } }) {
  const t = useT();
  const client = useTRPCClient();
  const router = useRouter();
  const action = useAction();
  const [tutor, setTutor] = useState(members[0]?.userId ?? "");
  const [longReason, setLongReason] = useState("");
  return (
    <div className="card space-y-3 border-amber-300 bg-amber-50">
      <p className="text-sm">{t("placement.approveHint")}</p>
      <FormError message={action.error} />
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => client.placements.approve.mutate({ placementId, schoolTutorId: tutor, ...(longSpan ? { longPlacementReason: longReason } : {}) }));
        }}
      >
        <TutorSelect id="schoolTutor" label={t("placement.schoolTutor")} members={members} value={tutor} onChange={setTutor} error={action.fieldError("schoolTutorId")} />
        {longSpan && (
          <div className="w-full">
            <Field id="longPlacementReason" label={t("placement.longReason")} hint={t("placement.longReasonHint", longSpan)} error={action.fieldError("longPlacementReason")} required>
              <textarea id="longPlacementReason" className="input min-h-20" value={longReason} onChange={(e) => setLongReason(e.target.value)} />
            </Field>
          </div>
        )}
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("placement.approve")}
        </button>
      </form>
      <RejectButton id={placementId} name={studentName} label={t("placement.decline")} reject={(reason) => client.placements.terminate.mutate({ placementId, reason }).then(() => router.refresh())} />
    </div>
  );
}

/** Names (or changes) the tutor of the acting party's side. */
export function TutorForm({ placementId, members, current, label }: { placementId: string; members: Member[]; current: string | null; label: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [tutor, setTutor] = useState(current ?? members[0]?.userId ?? "");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.assignTutor.mutate({ placementId, tutorId: tutor }));
      }}
    >
      <FormError message={action.error} />
      <TutorSelect id="tutor" label={label} members={members} value={tutor} onChange={setTutor} error={action.fieldError("tutorId")} />
      <button type="submit" className="btn-secondary" disabled={action.pending}>
        {t("placement.assignTutor")}
      </button>
    </form>
  );
}

export function InsuranceForm({ placementId }: { placementId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [insurer, setInsurer] = useState("");
  const [policyNumber, setPolicyNumber] = useState("");
  const [paidBy, setPaidBy] = useState<(typeof insurancePayers)[number]>("host");
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.recordInsurance.mutate({ placementId, insurer, policyNumber, paidBy }));
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={action.error} />
      </div>
      <Field id="insurer" label={t("placement.insurer")} error={action.fieldError("insurer")} required>
        <input id="insurer" className="input" value={insurer} onChange={(e) => setInsurer(e.target.value)} />
      </Field>
      <Field id="policyNumber" label={t("placement.policyNumber")} error={action.fieldError("policyNumber")} required>
        <input id="policyNumber" className="input" value={policyNumber} onChange={(e) => setPolicyNumber(e.target.value)} />
      </Field>
      <Field id="paidBy" label={t("placement.paidBy")} error={action.fieldError("paidBy")} required>
        <select id="paidBy" className="input" value={paidBy} onChange={(e) => setPaidBy(e.target.value as typeof paidBy)}>
          {insurancePayers.map((p) => (
            <option key={p} value={p}>
              {t(`option.insurancePaidBy.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="sm:self-end">
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("placement.saveInsurance")}
        </button>
      </div>
    </form>
  );
}

export function ConsentForm({ placementId, guardianNeeded }: { placementId: string; guardianNeeded: boolean }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [agreed, setAgreed] = useState(false);
  const [guardianName, setGuardianName] = useState("");
  const [guardianRelation, setGuardianRelation] = useState("");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.consent.mutate({ placementId, ...(guardianNeeded ? { guardianName, guardianRelation } : {}) }));
      }}
    >
      <FormError message={action.error} />
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-1 h-4 w-4" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
        <span>{t("placement.consentText")}</span>
      </label>
      {guardianNeeded && (
        <div className="grid gap-3 sm:grid-cols-2">
          <p className="text-sm text-slate-700 sm:col-span-2">{t("placement.guardianHint")}</p>
          <Field id="guardianName" label={t("placement.guardianName")} error={action.fieldError("guardianName")} required>
            <input id="guardianName" className="input" value={guardianName} onChange={(e) => setGuardianName(e.target.value)} />
          </Field>
          <Field id="guardianRelation" label={t("placement.guardianRelation")}>
            <input id="guardianRelation" className="input" value={guardianRelation} onChange={(e) => setGuardianRelation(e.target.value)} />
          </Field>
        </div>
      )}
      <button type="submit" className="btn-primary" disabled={!agreed || action.pending}>
        {t("placement.giveConsent")}
      </button>
    </form>
  );
}

/** A button that runs one placement procedure by name and refreshes the page. */
export function PlacementButton({ placementId, run, label, primary = true, digest }: { placementId: string; run: "start" | "complete" | "confirmAgreement" | "markHired"; label: string; primary?: boolean; digest?: string }) {
  const client = useTRPCClient();
  const action = useAction();
  const call = () =>
    run === "confirmAgreement" ? client.placements.confirmAgreement.mutate({ placementId, digest: digest ?? "" }) : client.placements[run].mutate({ placementId });
  return (
    <div className="space-y-2">
      <FormError message={action.error} />
      <button type="button" className={primary ? "btn-primary" : "btn-secondary"} disabled={action.pending} onClick={() => void action.run(call)}>
        {label}
      </button>
    </div>
  );
}

export function TerminateButton({ placementId, name }: { placementId: string; name: string }) {
  const t = useT();
  const client = useTRPCClient();
  const router = useRouter();
  return <RejectButton id={`terminate-${placementId}`} name={name} label={t("placement.terminate")} reject={(reason) => client.placements.terminate.mutate({ placementId, reason }).then(() => router.refresh())} />;
}

export function LogForm({ placementId, today }: { placementId: string; today: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [weekStart, setWeekStart] = useState(today);
  const [content, setContent] = useState("");
  return (
    <form
      className="card space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.writeLog.mutate({ placementId, weekStart, content }), () => setContent(""));
      }}
    >
      <FormError message={action.error} />
      <Field id="weekStart" label={t("placement.weekStart")} error={action.fieldError("weekStart")} required>
        <input id="weekStart" type="date" className="input" max={today} value={weekStart} onChange={(e) => setWeekStart(e.target.value)} />
      </Field>
      <Field id="logContent" label={t("placement.logContent")} error={action.fieldError("content")} required>
        <textarea id="logContent" className="input min-h-32" value={content} onChange={(e) => setContent(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("placement.saveLog")}
      </button>
    </form>
  );
}

export function CommentForm({ logId }: { logId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [content, setContent] = useState("");
  const id = `comment-${logId}`;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.commentLog.mutate({ logId, content }), () => setContent(""));
      }}
    >
      <FormError message={action.error} />
      <Field id={id} label={t("placement.comment")} error={action.fieldError("content")}>
        <textarea id={id} className="input min-h-16" value={content} onChange={(e) => setContent(e.target.value)} />
      </Field>
      <button type="submit" className="btn-secondary" disabled={action.pending}>
        {t("placement.addComment")}
      </button>
    </form>
  );
}

export function EvaluationForm({ placementId, label }: { placementId: string; label: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [score, setScore] = useState("5");
  const [comment, setComment] = useState("");
  return (
    <form
      className="card space-y-3"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.evaluate.mutate({ placementId, score: Number(score), comment }));
      }}
    >
      <h3 className="font-semibold">{label}</h3>
      <FormError message={action.error} />
      <Field id="score" label={t("placement.score")} error={action.fieldError("score")} required>
        <select id="score" className="input" value={score} onChange={(e) => setScore(e.target.value)}>
          {["5", "4", "3", "2", "1"].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field id="evaluationComment" label={t("placement.evaluationComment")} error={action.fieldError("comment")} required>
        <textarea id="evaluationComment" className="input min-h-20" value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending}>
        {t("placement.saveEvaluation")}
      </button>
    </form>
  );
}

/** The school or the host proposes a new end date (extension or early end) with its reason. */
export function AmendmentForm({ placementId, endDate }: { placementId: string; endDate: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [newEndDate, setNewEndDate] = useState(endDate);
  const [reason, setReason] = useState("");
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.placements.proposeAmendment.mutate({ placementId, newEndDate, reason }));
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={action.error} />
      </div>
      <Field id="newEndDate" label={t("placement.amendmentNewEnd")} error={action.fieldError("newEndDate")} required>
        <input id="newEndDate" type="date" className="input" value={newEndDate} onChange={(e) => setNewEndDate(e.target.value)} />
      </Field>
      <Field id="amendmentReason" label={t("placement.amendmentReason")} error={action.fieldError("reason")} required>
        <input id="amendmentReason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div>
        <button type="submit" className="btn-secondary" disabled={action.pending}>
          {t("placement.amendmentPropose")}
        </button>
      </div>
    </form>
  );
}

/** A party confirms the pending amendment; the third confirmation applies it. */
export function ConfirmAmendmentButton({ placementId, amendmentId }: { placementId: string; amendmentId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  return (
    <div className="space-y-1">
      <FormError message={action.error} />
      <button type="button" className="btn-primary" disabled={action.pending} onClick={() => void action.run(() => client.placements.confirmAmendment.mutate({ placementId, amendmentId }))}>
        {t("placement.amendmentConfirm")}
      </button>
    </div>
  );
}
