"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/client";
import { useFormatters, useT } from "../../_components/i18n";
import { ChangeDecision } from "../_components/change-decision";
import { ChangeDiff } from "../_components/change-diff";

/** Held changes to verified organisations' verified facts, with the verified and the proposed values; approve or reject. */
export function OrganisationChangeQueue() {
  const t = useT();
  const f = useFormatters();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
            <ChangeDecision
              id={c.id}
              name={c.name}
              approve={async () => (await approve.mutateAsync({ changeId: c.id }), await refresh())}
              reject={async (reason) => (await reject.mutateAsync({ changeId: c.id, reason }), await refresh())}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
