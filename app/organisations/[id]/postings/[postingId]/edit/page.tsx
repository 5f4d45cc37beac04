import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import type { PostingInput } from "@/server/schemas/postings";
import { NotAllowed } from "../../../../../_components/not-allowed";
import { PostingActions } from "../../../../../_components/postings/posting-actions";
import { PostingForm } from "../../../../../_components/postings/posting-form";
import { PostingStatusBadge } from "../../../../../_components/postings/status";
import { orNull } from "../../../../../_trpc/errors";

export const metadata: Metadata = { title: "编辑信息" };

export default async function EditPostingPage({ params }: { params: Promise<{ id: string; postingId: string }> }) {
  const { id, postingId } = await params;
  await requireUser(`/organisations/${id}/postings/${postingId}/edit`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const posting = (await orNull(caller.postings.get({ postingId }))) ?? notFound();
  if (posting.organisationId !== id) notFound();
  if (!posting.canEdit) return <NotAllowed t={t} />;
  const context = await caller.postings.formContext({ organisationId: id });
  // A published posting's held change: the form continues from the version awaiting review.
  const revision = posting.status === "published" ? await caller.postings.revision({ organisationId: id, postingId }) : null;
  const initial = revision?.status === "pending" ? (revision.values as PostingInput) : ({
    kind: posting.kind,
    title: posting.title,
    description: posting.description,
    regionCode: posting.regionCode,
    address: posting.address,
    industryCode: posting.industryCode,
    specialtyCodes: posting.specialties.map((s) => s.code),
    quantity: posting.quantity,
    startDate: posting.startDate,
    endDate: posting.endDate,
    applyBy: posting.applyBy,
    contactName: posting.contactName,
    contactPhone: posting.contactPhone,
    details: posting.details,
    postId: posting.postId ?? undefined,
  } as PostingInput);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-bold">
          {t("posting.edit")} · {posting.title}
        </h1>
        <PostingStatusBadge status={posting.displayStatus} t={t} />
      </div>
      {posting.status === "rejected" && posting.rejectionReason && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t("posting.rejectedBecause", { reason: posting.rejectionReason })}</p>}
      {revision?.status === "pending" && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="revision-pending">
          {t("posting.revisionPending")}
        </p>
      )}
      {revision?.status === "rejected" && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t("posting.revisionRejected", { reason: revision.reason ?? "" })}</p>}
      <PostingActions organisationId={id} postingId={postingId} status={posting.status} />
      <PostingForm organisationId={id} postingId={postingId} initial={initial} host={context.host} verified={context.verified} status={posting.status} />
    </div>
  );
}
