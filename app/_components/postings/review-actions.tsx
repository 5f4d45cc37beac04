"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import { FormError } from "../form";
import { ConfirmButton } from "../confirm-dialog";
import { useT } from "../i18n";
import { RejectButton } from "../reject-button";

/** Approve or reject a posting under review, for administrators reading it in full. */
export function ReviewActions({ postingId, title }: { postingId: string; title: string }) {
  const t = useT();
  const router = useRouter();
  const trpc = useTRPC();
  const approve = useMutation(trpc.postings.approve.mutationOptions({ onSuccess: () => router.refresh() }));
  const reject = useMutation(trpc.postings.reject.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="card flex flex-wrap items-start gap-2 border-amber-300 bg-amber-50">
      <FormError message={approve.error?.message} />
      <ConfirmButton className="btn-primary" disabled={approve.isPending} confirm={t("confirm.approvePosting", { title })} confirmLabel={t("posting.approve")} onConfirm={() => approve.mutate({ postingId })} aria-label={`${t("posting.approve")} ${title}`}>
        {t("posting.approve")}
      </ConfirmButton>
      <RejectButton id={postingId} name={title} reject={(reason) => reject.mutateAsync({ postingId, reason })} />
    </div>
  );
}
