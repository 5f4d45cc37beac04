"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { useFormatters, useT } from "../../_components/i18n";
import { RejectButton } from "../../_components/reject-button";
import { ChangeDiff } from "../_components/change-diff";

/** Held changes to verified organisations' verified facts, with the verified and the proposed values; approve or reject. */
export function OrganisationChangeQueue() {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const queue = useQuery(trpc.organisations.changeQueue.queryOptions());
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.organisations.changeQueue.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.organisations.list.pathKey() })]);
  const approve = useMutation(trpc.organisations.approveChange.mutationOptions());
  const reject = useMutation(trpc.organisations.rejectChange.mutationOptions());
  const items = queue.data ?? [];
  return (
    <section className="space-y-3" aria-labelledby="org-changes-heading">
      <h2 id="org-changes-heading" className="text-xl font-semibold">
        {t("review.orgChanges")}
      </h2>
      {!queue.data && <p className="text-sm text-slate-700">{t("common.loading")}</p>}
      {queue.data && items.length === 0 && <p className="card text-slate-700">{t("review.orgChangesNone")}</p>}
      <ul className="space-y-3">
        {items.map((c) => (
          <li key={c.id} className="card space-y-2" data-testid="organisation-change-item">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/organisations/${c.organisationId}`} className="font-semibold">
                {c.name}
              </Link>
              <span className="badge bg-slate-100 text-slate-800">{t(`role.${c.kind}`)}</span>
            </div>
            <p className="text-sm text-slate-700">{t("review.submittedAt", { date: f.dateTime(c.submittedAt) })}</p>
            <ChangeDiff changes={c.changes} t={t} caption={c.name} />
            {error?.id === c.id && (
              <p role="alert" className="text-sm text-red-700">
                {error.message}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className="btn-primary"
                disabled={approve.isPending}
                aria-label={`${t("review.approveChange")} ${c.name}`}
                onClick={() => {
                  setError(null);
                  approve.mutate({ changeId: c.id }, { onSuccess: () => void refresh(), onError: (e) => setError({ id: c.id, message: e.message }) });
                }}
              >
                {t("review.approveChange")}
              </button>
              <RejectButton id={c.id} name={c.name} label={t("review.rejectChange")} reject={async (reason) => (await reject.mutateAsync({ changeId: c.id, reason }), await refresh())} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
