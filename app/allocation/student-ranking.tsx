"use client";

import { useState } from "react";
import { useTRPCClient } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";
import { FormError } from "../_components/form";
import { useLocale, useT } from "../_components/i18n";
import { useAction } from "../_components/use-action";
import { WhyNotList } from "./why-not";

type View = inferRouterOutputs<AppRouter>["allocation"]["studentView"];

/** A student's choices, best first: phone-first (one column, large buttons), the rules' reasons beside each posting they cannot rank. */
export function StudentRanking({ view }: { view: View }) {
  const t = useT();
  const locale = useLocale();
  const client = useTRPCClient();
  const action = useAction();
  const [choices, setChoices] = useState<string[]>(view.choices);
  const [saved, setSaved] = useState(false);
  const byId = new Map(view.postings.map((p) => [p.postingId, p]));
  const editable = view.round.state === "ranking";
  const move = (i: number, d: number) => {
    const next = [...choices];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setChoices(next);
    setSaved(false);
  };
  const titleOf = (id: string) => {
    const p = byId.get(id);
    return p ? `${p.title} · ${p.hostName}` : id;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{view.round.name}</h1>
      <p className="text-sm text-slate-600">
        {t(`allocation.state.${view.round.state}`)} · {t("allocation.deadline", { date: view.round.studentDeadline })}
      </p>

      {view.result && (
        <section className="card space-y-2" data-testid="allocation-result">
          <h2 className="font-semibold">{t("allocation.result")}</h2>
          <p>{view.result.postingId ? t("allocation.youGot", { n: view.result.choice ?? 0, posting: titleOf(view.result.postingId) }) : t("allocation.youGotNone")}</p>
          {view.result.whyNot.length > 0 && <WhyNotList whyNot={view.result.whyNot} titleOf={titleOf} locale={locale} />}
          {view.round.seed !== null && (
            <p className="text-xs text-slate-600">
              {t("allocation.seed")}: {view.round.seed}
            </p>
          )}
        </section>
      )}

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("allocation.myChoices", { n: view.round.maxChoices })}</h2>
        <ol className="space-y-2" data-testid="my-choices">
          {choices.map((id, i) => (
            <li key={id} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2">
              <span className="font-semibold">{i + 1}.</span>
              <span className="flex-1">{titleOf(id)}</span>
              {editable && (
                <span className="flex gap-1">
                  <button type="button" className="btn-secondary px-3 py-2" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${t("allocation.up")} ${titleOf(id)}`}>
                    ↑
                  </button>
                  <button type="button" className="btn-secondary px-3 py-2" disabled={i === choices.length - 1} onClick={() => move(i, 1)} aria-label={`${t("allocation.down")} ${titleOf(id)}`}>
                    ↓
                  </button>
                  <button type="button" className="btn-secondary px-3 py-2" onClick={() => (setChoices(choices.filter((c) => c !== id)), setSaved(false))}>
                    {t("allocation.remove")}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
        {editable && (
          <>
            <FormError message={action.error} />
            <button type="button" className="btn-primary w-full sm:w-auto" disabled={action.pending} onClick={() => void action.run(() => client.allocation.rank.mutate({ roundId: view.round.id, postingIds: choices }), () => setSaved(true))}>
              {t("allocation.save")}
            </button>
            {saved && <p role="status">{t("allocation.saved")}</p>}
          </>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">{t("allocation.available")}</h2>
        <ul className="space-y-2">
          {view.postings.map((p) => (
            <li key={p.postingId} className="card space-y-1" data-testid="round-posting">
              <p className="font-semibold">{p.title}</p>
              <p className="text-sm text-slate-600">
                {p.hostName} · {p.startDate} – {p.endDate} · {t("allocation.seats")} {p.seats}
              </p>
              {p.violations.length > 0 ? (
                <p className="text-sm text-red-700">{t("allocation.cannotRank", { reasons: p.violations.map((v) => (locale === "en" ? v.en : v.zh)).join("；") })}</p>
              ) : (
                editable &&
                !choices.includes(p.postingId) &&
                choices.length < view.round.maxChoices && (
                  <button type="button" className="btn-secondary px-3 py-2" onClick={() => (setChoices([...choices, p.postingId]), setSaved(false))} aria-label={`${t("allocation.add")} ${p.title}`}>
                    {t("allocation.add")}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
