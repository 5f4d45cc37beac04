"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { Field, FormError } from "../form";
import { useT } from "../i18n";
import { useAction } from "../use-action";

/** The host records what it paid for a month (a second record of the same month corrects it). */
export function RecordPayForm({ placementId, months, today }: { placementId: string; months: string[]; today: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [month, setMonth] = useState(months[months.length - 1] ?? "");
  const [amount, setAmount] = useState("");
  const [paidOn, setPaidOn] = useState(today);
  return (
    <form
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => client.pay.record.mutate({ placementId, month, amount: Number(amount), paidOn }), () => setAmount(""));
      }}
    >
      <div className="sm:col-span-4">
        <FormError message={action.error} />
      </div>
      <Field id="pay-month" label={t("pay.month")} error={action.fieldError("month")} required>
        <select id="pay-month" className="input" value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Field>
      <Field id="pay-amount" label={t("pay.amount")} error={action.fieldError("amount")} required>
        <input id="pay-amount" className="input" type="number" inputMode="numeric" min={0} value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field id="pay-paid-on" label={t("pay.paidOn")} error={action.fieldError("paidOn")} required>
        <input id="pay-paid-on" className="input" type="date" max={today} value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
      </Field>
      <button type="submit" className="btn-primary" disabled={action.pending || !month}>
        {t("pay.record")}
      </button>
    </form>
  );
}

/** The student confirms a month's pay, or disputes it with a note. */
export function RespondPayForm({ payRecordId }: { payRecordId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [disputing, setDisputing] = useState(false);
  const [note, setNote] = useState("");
  const noteId = `dispute-${payRecordId}`;
  return (
    <div className="space-y-2">
      <FormError message={action.error} />
      {!disputing ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-primary" disabled={action.pending} onClick={() => void action.run(() => client.pay.respond.mutate({ payRecordId, response: "confirmed", note: "" }))}>
            {t("pay.confirm")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setDisputing(true)}>
            {t("pay.dispute")}
          </button>
        </div>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => client.pay.respond.mutate({ payRecordId, response: "disputed", note }));
          }}
        >
          <Field id={noteId} label={t("pay.disputeNote")} error={action.fieldError("note")} required>
            <input id={noteId} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <button type="submit" className="btn-primary" disabled={action.pending}>
            {t("pay.dispute")}
          </button>
        </form>
      )}
    </div>
  );
}
