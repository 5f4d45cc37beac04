"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/root";
import { FormError } from "../_components/form";
import { useT } from "../_components/i18n";
import { useAction } from "../_components/use-action";

type View = inferRouterOutputs<AppRouter>["allocation"]["hostView"];
type Posting = View["postings"][number];

/** A host ranks, per posting, the students who chose it (display names only), or marks some not acceptable. */
export function HostRanking({ organisationId, view }: { organisationId: string; view: View }) {
  const t = useT();
  const editable = view.round.state === "ranking" || view.round.state === "host_ranking";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{view.round.name}</h1>
      <p className="text-sm text-slate-600">
        {t(`allocation.state.${view.round.state}`)} · {t("allocation.deadline", { date: view.round.hostDeadline })}
      </p>
      <p className="text-sm">{t("allocation.hostHint")}</p>
      {view.postings.map((p) => (
        <PostingRanking key={p.postingId} organisationId={organisationId} roundId={view.round.id} posting={p} editable={editable} />
      ))}
    </div>
  );
}

function PostingRanking({ organisationId, roundId, posting, editable }: { organisationId: string; roundId: string; posting: Posting; editable: boolean }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const [rows, setRows] = useState(posting.students.map((s) => ({ studentId: s.studentId, rank: s.rank === null ? "" : String(s.rank), unacceptable: s.unacceptable })));
  const [saved, setSaved] = useState(false);
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setSaved(false);
  };
  return (
    <section className="card space-y-2" data-testid="host-posting">
      <h2 className="font-semibold">
        {posting.title} · {t("allocation.seats")} {posting.seats}
      </h2>
      <p className="text-sm text-slate-600">{t("allocation.hostRank")}</p>
      <table className="w-full text-sm">
        <tbody>
          {posting.students.map((s, i) => (
            <tr key={s.studentId} data-testid="host-student">
              <td>
                {s.displayName} · {s.specialtyName} · {s.enrolmentYear}
                {s.skills ? ` · ${s.skills}` : ""}
              </td>
              <td className="w-24">
                <input aria-label={`${t("allocation.rank")} ${s.displayName}`} type="number" min={1} className="w-20 rounded border border-slate-300 px-2 py-1" disabled={!editable || rows[i]!.unacceptable} value={rows[i]!.rank} onChange={(e) => update(i, { rank: e.target.value })} />
              </td>
              <td>
                <label className="flex items-center gap-1">
                  <input type="checkbox" disabled={!editable} checked={rows[i]!.unacceptable} onChange={(e) => update(i, { unacceptable: e.target.checked })} />
                  {t("allocation.markUnacceptable")}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && posting.students.length > 0 && (
        <>
          <FormError message={action.error} />
          <button
            type="button"
            className="btn-primary"
            disabled={action.pending}
            onClick={() =>
              void action.run(
                () =>
                  client.allocation.hostRank.mutate({
                    organisationId,
                    roundId,
                    postingId: posting.postingId,
                    entries: rows.filter((r) => r.unacceptable || r.rank !== "").map((r) => ({ studentId: r.studentId, rank: r.unacceptable || r.rank === "" ? null : Number(r.rank), unacceptable: r.unacceptable })),
                  }),
                () => setSaved(true),
              )
            }
          >
            {t("allocation.save")}
          </button>
          {saved && <p role="status">{t("allocation.saved")}</p>}
        </>
      )}
    </section>
  );
}
