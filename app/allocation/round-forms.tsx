"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import { FormError } from "../_components/form";
import { useT } from "../_components/i18n";
import { useAction } from "../_components/use-action";

const input = "w-full rounded border border-slate-300 px-2 py-1";

/** School staff: a new round for a cohort (a draft; postings are added on its page). */
export function CreateRoundForm({ organisationId }: { organisationId: string }) {
  const t = useT();
  const client = useTRPCClient();
  const router = useRouter();
  const action = useAction();
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ name: "", graduationYear: String(year + 1), specialtyCode: "", specialtyClass: "", maxChoices: "5", studentDeadline: "", hostDeadline: "" });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  const fields: [keyof typeof form, string, string][] = [
    ["name", t("allocation.name"), "text"],
    ["graduationYear", t("allocation.graduationYear"), "number"],
    ["specialtyCode", t("allocation.specialtyCode"), "text"],
    ["specialtyClass", t("allocation.specialtyClass"), "text"],
    ["maxChoices", t("allocation.maxChoices"), "number"],
    ["studentDeadline", t("allocation.studentDeadline"), "date"],
    ["hostDeadline", t("allocation.hostDeadline"), "date"],
  ];
  return (
    <form
      className="card grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const round = await client.allocation.create.mutate({
            organisationId,
            round: { name: form.name, graduationYear: Number(form.graduationYear), specialtyCode: form.specialtyCode || null, specialtyClass: form.specialtyClass || null, maxChoices: Number(form.maxChoices), studentDeadline: form.studentDeadline, hostDeadline: form.hostDeadline },
          });
          router.push(`/allocation/${round.id}?org=${organisationId}`);
        });
      }}
    >
      <h3 className="font-semibold sm:col-span-2">{t("allocation.create")}</h3>
      {fields.map(([k, label, type]) => (
        <label key={k} className="block space-y-1 text-sm">
          <span>{label}</span>
          <input name={k} type={type} className={input} value={form[k]} onChange={set(k)} />
          {action.fieldError(`round.${k}`) && <span className="text-red-700">{action.fieldError(`round.${k}`)}</span>}
        </label>
      ))}
      <div className="sm:col-span-2">
        <FormError message={action.error} />
        <button type="submit" className="btn-primary" disabled={action.pending}>
          {t("allocation.create")}
        </button>
      </div>
    </form>
  );
}
