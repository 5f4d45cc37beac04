"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/client";
import { FeeFlags } from "../../_components/postings/fee-flags";
import { useFormatters, useT } from "../../_components/i18n";
import { ChangeDecision } from "../_components/change-decision";
import { ChangeDiff } from "../_components/change-diff";

/** Held changes to published postings, oldest first: the diff against the published version, approve or reject with a reason. */
export function PostingRevisionQueue() {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useInfiniteQuery(trpc.postings.revisionQueue.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined, initialCursor: 0 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.postings.revisionQueue.pathKey() });
  const approve = useMutation(trpc.postings.approveRevision.mutationOptions());
  const reject = useMutation(trpc.postings.rejectRevision.mutationOptions());
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="space-y-3" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading" className="text-xl font-semibold">
        {t("review.revisions")}
      </h2>
      <p className="text-sm text-slate-700" aria-live="polite">
        {queue.data ? t("posting.count", { n: f.number(queue.data.pages[0]?.total ?? 0) }) : t("common.loading")}
      </p>
      {queue.data && items.length === 0 && <p className="card text-slate-700">{t("review.revisionsNone")}</p>}
      <ul className="space-y-3">
        {items.map((r) => (
          <li key={r.id} className="card space-y-2" data-testid="posting-revision-item">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/postings/${r.postingId}`} className="font-semibold">
                {r.title}
              </Link>
              <span className="badge bg-slate-100 text-slate-800">{t(`kind.${r.kind}`)}</span>
            </div>
            <p className="text-sm text-slate-700">
              {t("review.revisionOf", { version: r.version, organisation: r.organisationName })} · {t("review.submittedAt", { date: f.dateTime(r.submittedAt) })}
            </p>
            <ChangeDiff changes={r.changes} t={t} caption={r.title} />
            <FeeFlags phrases={r.feeFlags} />
            <ChangeDecision
              id={r.id}
              name={r.title}
              approve={async () => (await approve.mutateAsync({ revisionId: r.id }), await refresh())}
              reject={async (reason) => (await reject.mutateAsync({ revisionId: r.id, reason }), await refresh())}
            />
          </li>
        ))}
      </ul>
      {queue.hasNextPage && (
        <button type="button" className="btn-secondary" onClick={() => void queue.fetchNextPage()}>
          {t("admin.loadMore")}
        </button>
      )}
    </section>
  );
}
