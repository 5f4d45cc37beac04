"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/root";
import { FormError } from "../_components/form";
import { useT } from "../_components/i18n";
import { useAction } from "../_components/use-action";

type Detail = inferRouterOutputs<AppRouter>["allocation"]["get"];
const input = "w-full rounded border border-slate-300 px-2 py-1";

/** School staff: a round's postings and seats, its stages, the computed result (distribution, unassigned, seed) and publishing. */
export function RoundManager({ organisationId, detail }: { organisationId: string; detail: Detail }) {
  const t = useT();
  const client = useTRPCClient();
  const action = useAction();
  const { round } = detail;
  const base = { organisationId, roundId: round.id };
  const [posting, setPosting] = useState({ ref: "", seats: "1" });
  const [second, setSecond] = useState({ name: "", studentDeadline: "", hostDeadline: "" });
  const [replay, setReplay] = useState<boolean | null>(null);
  const titleOf = new Map(detail.postings.map((p) => [p.postingId, `${p.title} · ${p.hostName}`]));
  const summary = round.summary;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{round.name}</h1>
      <p className="text-sm text-slate-600" data-testid="round-state">
        {t(`allocation.state.${round.state}`)} · {t("allocation.graduationYear")} {round.graduationYear} · {round.specialtyCode ?? round.specialtyClass} · {t("allocation.maxChoices")} {round.maxChoices} · {t("allocation.studentDeadline")} {round.studentDeadline} · {t("allocation.hostDeadline")} {round.hostDeadline}
      </p>
      <FormError message={action.error} />

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("allocation.postings")}</h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th>{t("allocation.postings")}</th>
              <th>{t("allocation.seats")}</th>
              <th>{t("allocation.capacity")}</th>
              <th>{t("allocation.assigned")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {detail.postings.map((p) => (
              <tr key={p.postingId} data-testid="round-posting-row">
                <td>{titleOf.get(p.postingId)}</td>
                <td>{p.seats}</td>
                <td>{p.capacity ?? "—"}</td>
                <td>{p.assigned}</td>
                <td>
                  {round.state === "draft" && (
                    <button type="button" className="btn-secondary px-2 py-1" disabled={action.pending} onClick={() => void action.run(() => client.allocation.removePosting.mutate({ ...base, postingId: p.postingId }))}>
                      {t("allocation.remove")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {round.state === "draft" && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              // A posting's address or its id: the id is the UUID in it.
              const postingId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(posting.ref)?.[0] ?? posting.ref.trim();
              void action.run(() => client.allocation.addPosting.mutate({ ...base, postingId, seats: Number(posting.seats) }), () => setPosting({ ref: "", seats: "1" }));
            }}
          >
            <label className="block flex-1 text-sm">
              {t("allocation.postingId")}
              <input name="postingRef" className={input} value={posting.ref} onChange={(e) => setPosting({ ...posting, ref: e.target.value })} />
            </label>
            <label className="block w-24 text-sm">
              {t("allocation.seats")}
              <input name="seats" type="number" min={1} className={input} value={posting.seats} onChange={(e) => setPosting({ ...posting, seats: e.target.value })} />
            </label>
            <button type="submit" className="btn-secondary" disabled={action.pending}>
              {t("allocation.addPosting")}
            </button>
          </form>
        )}
      </section>

      <section className="flex flex-wrap gap-2">
        {round.state === "draft" && (
          <button type="button" className="btn-primary" disabled={action.pending} onClick={() => void action.run(() => client.allocation.advance.mutate({ ...base, to: "ranking" }))}>
            {t("allocation.open")}
          </button>
        )}
        {round.state === "ranking" && (
          <button type="button" className="btn-primary" disabled={action.pending} onClick={() => void action.run(() => client.allocation.advance.mutate({ ...base, to: "host_ranking" }))}>
            {t("allocation.toHostRanking")}
          </button>
        )}
        {(round.state === "host_ranking" || round.state === "computed") && (
          <button type="button" className={round.state === "computed" ? "btn-secondary" : "btn-primary"} disabled={action.pending} onClick={() => void action.run(() => client.allocation.compute.mutate(base))}>
            {t("allocation.compute")}
          </button>
        )}
        {round.state === "computed" && (
          <button type="button" className="btn-primary" disabled={action.pending} onClick={() => void action.run(() => client.allocation.publish.mutate(base))}>
            {t("allocation.publish")}
          </button>
        )}
        {(round.state === "computed" || round.state === "published") && (
          <button type="button" className="btn-secondary" disabled={action.pending} onClick={() => void action.run(async () => setReplay((await client.allocation.replay.query(base)).same))}>
            {t("allocation.verify")}
          </button>
        )}
        {replay !== null && <p role="status">{t(replay ? "allocation.verified" : "allocation.mismatch")}</p>}
      </section>

      {summary && (
        <section className="card space-y-2" data-testid="round-summary">
          <h2 className="font-semibold">{t("allocation.distribution")}</h2>
          <ul className="flex flex-wrap gap-3 text-sm">
            {summary.distribution.map((n, i) => (
              <li key={i}>
                {t("allocation.choiceN", { n: i + 1 })}: <strong>{n}</strong>
              </li>
            ))}
            <li>
              {t("allocation.unassigned")}: <strong>{summary.unassigned}</strong>
            </li>
          </ul>
          <p className="text-xs text-slate-600">
            {t("allocation.seed")}: {round.seed}
          </p>
        </section>
      )}

      <section className="card space-y-2">
        <h2 className="font-semibold">
          {t("allocation.students")} ({detail.students.length})
        </h2>
        <table className="w-full text-sm">
          <tbody>
            {detail.students.map((s) => (
              <tr key={s.studentId} data-testid="round-student">
                <td>{s.name}</td>
                <td>{s.ranked ? "✓" : "—"}</td>
                <td>{s.postingId ? `${t("allocation.choiceN", { n: s.choice ?? 0 })} · ${titleOf.get(s.postingId) ?? ""}` : summary ? t("allocation.unassigned") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {round.state === "published" && (
        <form
          className="card grid gap-2 sm:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              const created = await client.allocation.secondRound.mutate({ ...base, ...second });
              window.location.assign(`/allocation/${created.id}?org=${organisationId}`);
            });
          }}
        >
          <label className="block text-sm">
            {t("allocation.name")}
            <input name="secondName" className={input} value={second.name} onChange={(e) => setSecond({ ...second, name: e.target.value })} />
          </label>
          <label className="block text-sm">
            {t("allocation.studentDeadline")}
            <input type="date" className={input} value={second.studentDeadline} onChange={(e) => setSecond({ ...second, studentDeadline: e.target.value })} />
          </label>
          <label className="block text-sm">
            {t("allocation.hostDeadline")}
            <input type="date" className={input} value={second.hostDeadline} onChange={(e) => setSecond({ ...second, hostDeadline: e.target.value })} />
          </label>
          <button type="submit" className="btn-secondary self-end" disabled={action.pending}>
            {t("allocation.secondRound")}
          </button>
        </form>
      )}
    </div>
  );
}
