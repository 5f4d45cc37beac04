"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/client";
import { ConfirmButton } from "../../_components/confirm-dialog";
import { useFormatters, useT } from "../../_components/i18n";
import { FeeFlags } from "../../_components/postings/fee-flags";
import { RejectButton } from "../../_components/reject-button";

/** Postings waiting for review, oldest first, with approve and reject-with-reason. */
export function PostingReviewQueue() {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useInfiniteQuery(trpc.postings.reviewQueue.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined, initialCursor: 0 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.postings.reviewQueue.pathKey() });
  const approve = useMutation(trpc.postings.approve.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.postings.reject.mutationOptions());
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" aria-live="polite">
        {queue.data ? t("posting.count", { n: f.number(queue.data.pages[0]?.total ?? 0) }) : t("common.loading")}
      </p>
      {queue.data && items.length === 0 && <p className="card text-slate-700">{t("posting.reviewEmpty")}</p>}
      <ul className="space-y-3">
        {items.map((p) => (
          <li key={p.id} className="card space-y-2" data-testid="posting-review-item">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/postings/${p.id}`} className="font-semibold">
                {p.title}
              </Link>
              <span className="badge bg-slate-100 text-slate-800">{t(`kind.${p.kind}`)}</span>
              {p.suspension && <span className="badge bg-amber-100 text-amber-900">{t("postingReport.suspended")}</span>}
            </div>
            <p className="text-sm text-slate-700">
              {p.organisationName} · {t("posting.seats")} {f.number(p.quantity)}
              {p.monthlyPay !== null && ` · ${f.money(p.monthlyPay)}`}
              {p.submittedAt && ` · ${f.dateTime(p.submittedAt)}`}
            </p>
            <FeeFlags phrases={p.feeFlags} />
            {p.suspension && (
              // Why a posting that was public is back here: the reports that suspended it.
              <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="posting-suspension">
                <p className="font-medium">{t("postingReport.suspendedAt", { at: f.dateTime(p.suspension.suspendedAt), n: f.number(p.suspension.reports) })}</p>
                <ul className="list-disc pl-5">
                  {p.suspension.reasons.map((r) => (
                    <li key={r.reason}>
                      {r.notes ? t("common.label", { label: `${t(`postingReport.reason.${r.reason}`)} ×${f.number(r.n)}` }) + r.notes : `${t(`postingReport.reason.${r.reason}`)} ×${f.number(r.n)}`}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="flex flex-wrap gap-2">
              <ConfirmButton className="btn-primary" disabled={approve.isPending} confirm={t("confirm.approvePosting", { title: p.title })} confirmLabel={t("posting.approve")} onConfirm={() => approve.mutate({ postingId: p.id })} aria-label={`${t("posting.approve")} ${p.title}`}>
                {t("posting.approve")}
              </ConfirmButton>
              <RejectButton id={p.id} name={p.title} reject={async (reason) => (await reject.mutateAsync({ postingId: p.id, reason }), await refresh())} />
            </div>
          </li>
        ))}
      </ul>
      {queue.hasNextPage && (
        <button type="button" className="btn-secondary" onClick={() => void queue.fetchNextPage()}>
          {t("admin.loadMore")}
        </button>
      )}
    </div>
  );
}
