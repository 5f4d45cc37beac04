import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../_components/not-allowed";
import { CreateRoundForm } from "./round-forms";

export const metadata: Metadata = { title: "分配轮次" };

/** Allocation rounds (issue 21): a school's rounds, a student's rounds to rank in, a host's rounds to rank students in. */
export default async function AllocationPage() {
  const user = await requireUser("/allocation");
  const t = await getTranslator();
  const caller = await serverCaller();
  if (user.role === "student") {
    const rounds = await caller.allocation.mine();
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("allocation.title")}</h1>
        {rounds.length === 0 && <p className="card">{t("allocation.noRounds")}</p>}
        <ul className="space-y-3">
          {rounds.map((r) => (
            <li key={r.id} className="card flex flex-wrap items-center justify-between gap-2" data-testid="student-round">
              <Link href={`/allocation/${r.id}`} className="font-semibold">
                {r.name}
              </Link>
              <span className="text-sm text-slate-600">
                {t(`allocation.state.${r.state}`)} · {t("allocation.deadline", { date: r.studentDeadline })}
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (user.role !== "school" && user.role !== "enterprise") return <NotAllowed t={t} />;
  const me = await caller.accounts.me();
  const orgs = await Promise.all(
    me.memberships
      .filter((m) => m.verificationStatus === "verified" && m.kind === user.role)
      .map(async (org) => ({ ...org, rounds: org.kind === "school" ? await caller.allocation.list({ organisationId: org.organisationId }) : await caller.allocation.forHost({ organisationId: org.organisationId }) })),
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("allocation.title")}</h1>
      <p className="text-slate-700">{t("allocation.intro")}</p>
      {orgs.map(({ rounds, ...org }) => {
        return (
          <section key={org.organisationId} className="space-y-3">
            <h2 className="text-lg font-semibold">{org.name}</h2>
            {rounds.length === 0 && <p className="card">{t("allocation.noRounds")}</p>}
            <ul className="space-y-2">
              {rounds.map((r) => (
                <li key={r.id} className="card flex flex-wrap items-center justify-between gap-2" data-testid="round">
                  <Link href={`/allocation/${r.id}?org=${org.organisationId}`} className="font-semibold">
                    {r.name}
                  </Link>
                  <span className="text-sm text-slate-600">{t(`allocation.state.${r.state}`)}</span>
                </li>
              ))}
            </ul>
            {org.kind === "school" && <CreateRoundForm organisationId={org.organisationId} />}
          </section>
        );
      })}
    </div>
  );
}
