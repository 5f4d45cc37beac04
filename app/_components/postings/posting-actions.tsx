"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import type { PostingStatus } from "@/db/schema-enums";
import { ConfirmButton } from "../confirm-dialog";
import { FormError } from "../form";
import { useT } from "../i18n";

/** Withdraw or close a posting, where its state allows it. */
export function PostingActions({ organisationId, postingId, status }: { organisationId: string; postingId: string; status: PostingStatus }) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const done = { onSuccess: () => router.refresh() };
  const withdraw = useMutation(trpc.postings.withdraw.mutationOptions(done));
  const close = useMutation(trpc.postings.close.mutationOptions(done));
  const canWithdraw = status !== "closed" && status !== "withdrawn";
  return (
    <div className="flex flex-wrap gap-2">
      <FormError message={withdraw.error?.message ?? close.error?.message} />
      {status === "published" && (
        <ConfirmButton className="btn-secondary" disabled={close.isPending} confirm={t("confirm.closePosting")} confirmLabel={t("posting.close")} onConfirm={() => close.mutate({ organisationId, postingId })}>
          {t("posting.close")}
        </ConfirmButton>
      )}
      {canWithdraw && (
        <ConfirmButton className="btn-secondary" disabled={withdraw.isPending} confirm={t("confirm.withdrawPosting")} confirmLabel={t("posting.withdraw")} danger onConfirm={() => withdraw.mutate({ organisationId, postingId })}>
          {t("posting.withdraw")}
        </ConfirmButton>
      )}
    </div>
  );
}
