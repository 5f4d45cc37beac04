"use client";

import { useState } from "react";
import { complaintCategories, complaintStatuses, type ComplaintCategory, type ComplaintStatus } from "@/db/schema-enums";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../form";
import { useT } from "../i18n";
import { useAction } from "../use-action";

/** The student (or their guardian, with the student's account) reports a problem in the placement. */
export function FileComplaintForm({ placementId }: { placementId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [category, setCategory] = useState<ComplaintCategory>("fees");
  const [reporter, setReporter] = useState<"student" | "guardian">("student");
  const [description, setDescription] = useState("");
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.complaints.file.mutate({ placementId, category, reporter, description }), () => setDescription(""));
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={action.error} />
      </div>
      <Field id="complaint-category" label={t("complaint.category")} error={action.fieldError("category")} required>
        <select id="complaint-category" className="input" value={category} onChange={(e) => setCategory(e.target.value as ComplaintCategory)}>
          {complaintCategories.map((c) => (
            <option key={c} value={c}>
              {t(`complaint.category.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="complaint-reporter" label={t("complaint.reporter")} error={action.fieldError("reporter")} required>
        <select id="complaint-reporter" className="input" value={reporter} onChange={(e) => setReporter(e.target.value as "student" | "guardian")}>
          <option value="student">{t("complaint.reporter.student")}</option>
          <option value="guardian">{t("complaint.reporter.guardian")}</option>
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field id="complaint-description" label={t("complaint.description")} error={action.fieldError("description")} required>
          <textarea id="complaint-description" className="input min-h-28" value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </div>
      <div>
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("complaint.submit")}
        </button>
      </div>
    </form>
  );
}

/** A reply to a complaint; the school's staff and administrators may also move its status. */
export function ComplaintReplyForm({ complaintId, canSetStatus }: { complaintId: string; canSetStatus: boolean }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<"" | Exclude<ComplaintStatus, "submitted">>("");
  const id = `reply-${complaintId}`;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.complaints.reply.mutate({ complaintId, body, status: status || undefined }), () => setBody(""));
      }}
    >
      <FormError message={action.error} />
      <Field id={id} label={t("complaint.replyBody")} error={action.fieldError("body")} required>
        <textarea id={id} className="input min-h-20" value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <div className="flex flex-wrap items-end gap-2">
        {canSetStatus && (
          <Field id={`${id}-status`} label={t("complaint.setStatus")}>
            <select id={`${id}-status`} className="input" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="">{t("complaint.keepStatus")}</option>
              {complaintStatuses
                .filter((s) => s !== "submitted")
                .map((s) => (
                  <option key={s} value={s}>
                    {t(`complaint.status.${s}`)}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("complaint.sendReply")}
        </button>
      </div>
    </form>
  );
}
