import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ExportLinks } from "../../../_components/export-links";
import { NotAllowed } from "../../../_components/not-allowed";
import { ToneBadge } from "../../../_components/status-badge";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "合作台账", robots: { index: false } };

const proposalTone = { open: "warning", accepted: "success", declined: "muted", withdrawn: "muted" } as const;
const projectTone = { active: "success", completed: "info", ended: "muted" } as const;

/** An organisation's cooperation ledger: its projects, and the proposals it sent and received. */
export default async function CooperationLedgerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/cooperation`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit) return <NotAllowed t={t} />;
  const { projects, proposals } = await caller.cooperation.ledger({ organisationId: id });
  const day = (d: string) => f.date(`${d}T12:00:00+08:00`);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">
        {t("coop.ledger")} · {org.name}
      </h1>
      <section className="space-y-2" aria-labelledby="projects-heading">
        <h2 id="projects-heading" className="text-lg font-semibold">
          {t("common.withCount", { label: t("coop.projects"), n: f.number(projects.length) })}
        </h2>
        <ExportLinks t={t} list="projects" params={{ organisationId: id }} />
        {projects.length === 0 && (
          <p className="card" data-testid="projects-empty">
            {t("coop.none")} · {t("coop.noneNext")} <Link href="/search">{t("coop.browse")}</Link>
          </p>
        )}
        <div className="overflow-x-auto">
          <table className="card table-cards w-full text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="px-2 py-1">{t("coop.title")}</th>
                <th scope="col" className="px-2 py-1">{t("coop.kind")}</th>
                <th scope="col" className="px-2 py-1">{t("coop.parties")}</th>
                <th scope="col" className="px-2 py-1">{t("placement.dates")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("coop.studentCount")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("coop.mentorCount")}</th>
                <th scope="col" className="px-2 py-1">{t("placement.status")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id} className="border-t border-slate-100" data-testid="project-row">
                  <td className="px-2 py-1 font-medium">{p.proposalId ? <Link href={`/cooperation/${p.proposalId}?organisationId=${id}`}>{p.title}</Link> : p.title}</td>
                  <td data-label={t("coop.kind")} className="px-2 py-1">{t(`coop.kind.${p.kind}`)}</td>
                  <td data-label={t("coop.parties")} className="px-2 py-1">
                    {p.schoolName} · {p.enterpriseName}
                  </td>
                  <td data-label={t("placement.dates")} className="px-2 py-1">
                    {day(p.startDate)} – {day(p.endDate)}
                  </td>
                  <td data-label={t("coop.studentCount")} className="px-2 py-1 text-right">{f.number(p.studentCount)}</td>
                  <td data-label={t("coop.mentorCount")} className="px-2 py-1 text-right">{f.number(p.mentorCount)}</td>
                  <td data-label={t("placement.status")} className="px-2 py-1">
                    <ToneBadge tone={projectTone[p.status]} label={t(`coop.project.status.${p.status}`)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading" className="text-lg font-semibold">
          {t("coop.proposals")}
        </h2>
        {proposals.length === 0 && <p className="card">{t("coop.none")}</p>}
        <ul className="space-y-2">
          {proposals.map((p) => (
            <li key={p.id} className="card flex flex-wrap items-center gap-2" data-testid="proposal-row">
              <ToneBadge tone={proposalTone[p.status]} label={t(`coop.status.${p.status}`)} />
              <span className="text-sm text-slate-600">{p.fromOrganisationId === id ? `${t("coop.sent")} → ${p.toName}` : `${t("coop.received")} ← ${p.fromName}`}</span>
              <Link href={`/cooperation/${p.id}?organisationId=${id}`} className="font-semibold">
                {p.title}
              </Link>
              <span className="text-sm text-slate-600">{t(`coop.kind.${p.kind}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
