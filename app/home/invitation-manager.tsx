"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/app/_trpc/client";
import { createInvitationInput } from "@/server/schemas/organisations";
import { applyServerError, describedBy, Field, FormError } from "../_components/form";
import { ConfirmButton } from "../_components/confirm-dialog";
import { useFormatters, useT } from "../_components/i18n";

type Values = z.input<typeof createInvitationInput>;

/** School staff create, share and revoke the codes students join with. */
export function InvitationManager({ organisationId }: { organisationId: string }) {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.organisations.invitations.list.queryOptions({ organisationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.organisations.invitations.list.queryKey({ organisationId }) });
  const create = useMutation(trpc.organisations.invitations.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.organisations.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values, unknown, z.output<typeof createInvitationInput>>({
    resolver: zodResolver(createInvitationInput),
    defaultValues: { organisationId, label: "", maxUses: 50, validDays: 30 },
  });
  const errors = form.formState.errors;
  const [now] = useState(() => Date.now());

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await create.mutateAsync(values);
      form.reset({ organisationId, label: "", maxUses: 50, validDays: 30 });
    } catch (e) {
      setError(applyServerError(e, form.setError));
    }
  });

  return (
    <section className="card space-y-4" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        {t("invite.title")}
      </h2>
      <form onSubmit={onSubmit} noValidate className="grid items-end gap-3 sm:grid-cols-4">
        <div className="sm:col-span-4">
          <FormError message={error} />
        </div>
        <Field id="invite-label" label={t("invite.label")} error={errors.label?.message}>
          <input className="input" {...describedBy("invite-label", { error: errors.label })} {...form.register("label")} />
        </Field>
        <Field id="invite-maxUses" label={t("invite.maxUses")} error={errors.maxUses?.message}>
          <input className="input" type="number" inputMode="numeric" {...describedBy("invite-maxUses", { error: errors.maxUses })} {...form.register("maxUses")} />
        </Field>
        <Field id="invite-validDays" label={t("invite.validDays")} error={errors.validDays?.message}>
          <input className="input" type="number" inputMode="numeric" {...describedBy("invite-validDays", { error: errors.validDays })} {...form.register("validDays")} />
        </Field>
        <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
          {t("invite.create")}
        </button>
      </form>
      {list.data?.length === 0 && <p className="text-sm text-slate-600">{t("invite.none")}</p>}
      <ul className="divide-y divide-slate-200" data-testid="invitation-list">
        {list.data?.map((inv) => {
          const active = !inv.revokedAt && inv.expiresAt.getTime() > now && inv.usedCount < inv.maxUses;
          return (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <span className={`font-mono text-lg ${active ? "" : "text-slate-500 line-through"}`} data-testid="invitation-code">
                  {inv.code}
                </span>
                {inv.label && <span className="ml-2 text-sm text-slate-700">{inv.label}</span>}
                <div className="text-xs text-slate-600">
                  {t("invite.used", { used: inv.usedCount, max: inv.maxUses })} · {t("invite.expires", { date: f.date(inv.expiresAt) })}
                </div>
              </div>
              {inv.revokedAt ? (
                <span className="badge bg-slate-100 text-slate-700">{t("invite.revoked")}</span>
              ) : (
                <ConfirmButton className="btn-secondary" confirm={t("confirm.revokeInvitation", { code: inv.code })} confirmLabel={t("invite.revoke")} danger onConfirm={() => revoke.mutate({ organisationId, invitationId: inv.id })} aria-label={`${t("invite.revoke")} ${inv.code}`}>
                  {t("invite.revoke")}
                </ConfirmButton>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
