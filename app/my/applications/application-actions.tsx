"use client";

import type { ApplicationStatus } from "@/db/schema-enums";
import { openApplicationStatuses } from "@/db/schema-enums";
import { useTRPCClient } from "@/app/_trpc/client";
import { FormError } from "../../_components/form";
import { ConfirmButton } from "../../_components/confirm-dialog";
import { useT } from "../../_components/i18n";
import { useAction } from "../../_components/use-action";

/** Withdraw an application in play; accept or decline an offer. */
export function ApplicationActions({ applicationId, title, status }: { applicationId: string; title: string; status: ApplicationStatus }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  if (!openApplicationStatuses.includes(status)) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <FormError message={action.error} />
      {status === "offered" && (
        <>
          <ConfirmButton className="btn-primary" disabled={action.pending} aria-label={`${t("application.accept")} ${title}`} confirm={t("confirm.acceptOffer", { title })} confirmLabel={t("application.accept")} onConfirm={() => void action.run(() => client.applications.respond.mutate({ applicationId, accept: true }))}>
            {t("application.accept")}
          </ConfirmButton>
          <ConfirmButton className="btn-secondary" disabled={action.pending} confirm={t("confirm.declineOffer", { title })} confirmLabel={t("application.decline")} danger onConfirm={() => void action.run(() => client.applications.respond.mutate({ applicationId, accept: false }))}>
            {t("application.decline")}
          </ConfirmButton>
        </>
      )}
      <ConfirmButton className="btn-secondary" disabled={action.pending} confirm={t("confirm.withdrawApplication", { title })} confirmLabel={t("application.withdraw")} danger onConfirm={() => void action.run(() => client.applications.withdraw.mutate({ applicationId }))}>
        {t("application.withdraw")}
      </ConfirmButton>
    </div>
  );
}
