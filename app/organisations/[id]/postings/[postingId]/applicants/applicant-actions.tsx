"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ApplicationStatus } from "@/db/schema-enums";
import { useTRPCClient } from "@/app/_trpc/client";
import type { HostMoveInput } from "@/server/schemas/applications";
import { Field, FormError } from "../../../../../_components/form";
import { ConfirmButton } from "../../../../../_components/confirm-dialog";
import { useT } from "../../../../../_components/i18n";
import { RejectButton } from "../../../../../_components/reject-button";
import { useAction } from "../../../../../_components/use-action";

/** The host's next moves for one applicant: screen, schedule an interview, make an offer, or reject. */
export function ApplicantActions(props: { organisationId: string; applicationId: string; name: string; status: ApplicationStatus; defaultStart: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const router = useRouter();
  const [open, setOpen] = useState<"interview" | "offer" | null>(null);
  const [interviewAt, setInterviewAt] = useState("");
  const [location, setLocation] = useState("");
  const [offerStartDate, setOfferStartDate] = useState(props.defaultStart);
  const [offerNote, setOfferNote] = useState("");
  const move = (m: HostMoveInput) => client.applications.move.mutate({ organisationId: props.organisationId, applicationId: props.applicationId, move: m });
  const inPlay = ["submitted", "screening", "interview"].includes(props.status);
  if (!inPlay && props.status !== "offered") return null;
  const id = (name: string) => `${name}-${props.applicationId}`;

  return (
    <div className="space-y-2">
      <FormError message={action.error} />
      <div className="flex flex-wrap gap-2">
        {props.status === "submitted" && (
          <ConfirmButton className="btn-secondary" disabled={action.pending} confirm={t("confirm.screenApplicant", { name: props.name })} confirmLabel={t("applicants.screen")} onConfirm={() => void action.run(() => move({ action: "screen" }))}>
            {t("applicants.screen")}
          </ConfirmButton>
        )}
        {inPlay && (
          <>
            <button type="button" className="btn-secondary" aria-expanded={open === "interview"} onClick={() => setOpen(open === "interview" ? null : "interview")} aria-label={`${t("applicants.interview")} ${props.name}`}>
              {t("applicants.interview")}
            </button>
            <button type="button" className="btn-primary" aria-expanded={open === "offer"} onClick={() => setOpen(open === "offer" ? null : "offer")} aria-label={`${t("applicants.offer")} ${props.name}`}>
              {t("applicants.offer")}
            </button>
          </>
        )}
        <RejectButton id={props.applicationId} name={props.name} label={t("applicants.reject")} reject={(reason) => move({ action: "reject", reason }).then(() => router.refresh())} />
      </div>
      {open === "interview" && (
        <form
          className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            // datetime-local is the reader's wall-clock time in China.
            void action.run(() => move({ action: "interview", interviewAt: new Date(`${interviewAt}:00+08:00`), interviewLocation: location }), () => setOpen(null));
          }}
        >
          <Field id={id("interviewAt")} label={t("applicants.interviewAt")} error={action.fieldError("move.interviewAt")} required>
            <input id={id("interviewAt")} type="datetime-local" className="input" required value={interviewAt} onChange={(e) => setInterviewAt(e.target.value)} />
          </Field>
          <Field id={id("location")} label={t("applicants.interviewLocation")} error={action.fieldError("move.interviewLocation")} required>
            <input id={id("location")} className="input" value={location} onChange={(e) => setLocation(e.target.value)} />
          </Field>
          <button type="submit" className="btn-primary" disabled={action.pending}>
            {t("applicants.confirm")}
          </button>
        </form>
      )}
      {open === "offer" && (
        <form
          className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => move({ action: "offer", offerStartDate, offerNote }), () => setOpen(null));
          }}
        >
          <Field id={id("offerStartDate")} label={t("applicants.offerStartDate")} error={action.fieldError("offerStartDate") ?? action.fieldError("move.offerStartDate")} required>
            <input id={id("offerStartDate")} type="date" className="input" value={offerStartDate} onChange={(e) => setOfferStartDate(e.target.value)} />
          </Field>
          <Field id={id("offerNote")} label={t("applicants.offerNote")}>
            <input id={id("offerNote")} className="input" value={offerNote} onChange={(e) => setOfferNote(e.target.value)} />
          </Field>
          <button type="submit" className="btn-primary" disabled={action.pending}>
            {t("applicants.confirm")}
          </button>
        </form>
      )}
    </div>
  );
}
