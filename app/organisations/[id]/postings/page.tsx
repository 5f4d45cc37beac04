import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { postingStatuses } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { PostingStatusBadge } from "../../../_components/postings/status";
import { orNull } from "../../../_trpc/errors";
import { ApplicantCount } from "../../../_components/funnel/applicant-count";

export const metadata: Metadata = { title: "发布管理" };

const filters = [...postingStatuses, "expired"] as const;

/** An organisation's postings with their state and the count in each state. */
export default async function OwnPostingsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string }> }) {
  const { id } = await params;
  const { status } = await searchParams;
  await requireUser(`/organisations/${id}/postings`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit) return <NotAllowed t={t} />;
  const filter = filters.find((s) => s === status);
  const list = await caller.postings.listOwn({ organisationId: id, status: filter });
  const applicants = await caller.funnel.applicantCounts({ organisationId: id });
  const context = await caller.postings.formContext({ organisationId: id });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">
          {t("posting.list")} · {org.name}
        </h1>
      </div>
      <section className="card space-y-2" aria-labelledby="new-heading">
        <h2 id="new-heading" className="font-semibold">
          {t("posting.new")}
        </h2>
        <ul className="flex flex-wrap gap-2">
          {context.kinds.map((kind) => (
            <li key={kind}>
              <Link href={`/organisations/${id}/postings/new?kind=${kind}`} className="btn-secondary">
                ＋ {t(`kind.${kind}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <nav aria-label={t("admin.filterStatus")} className="flex flex-wrap gap-2 text-sm">
        <Link href={`/organisations/${id}/postings`} aria-current={!filter ? "page" : undefined} className={`badge px-3 py-1 no-underline ${!filter ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}>
          {t("posting.all")} {list.total}
        </Link>
        {filters
          .filter((s) => list.counts[s])
          .map((s) => (
            <Link key={s} href={`/organisations/${id}/postings?status=${s}`} aria-current={filter === s ? "page" : undefined} className={`badge px-3 py-1 no-underline ${filter === s ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}>
              {t(`postingStatus.${s}`)} {list.counts[s]}
            </Link>
          ))}
      </nav>
      {list.items.length === 0 && <p className="card text-slate-700">{t("posting.none")}</p>}
      <ul className="space-y-3">
        {list.items.map((p) => (
          <li key={p.id} className="card space-y-1" data-testid="own-posting">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/postings/${p.id}`} className="font-semibold">
                {p.title}
              </Link>
              <span className="badge bg-slate-100 text-slate-800">{t(`kind.${p.kind}`)}</span>
              <PostingStatusBadge status={p.displayStatus} t={t} />
              {p.revisionPending && <span className="badge bg-amber-100 text-amber-900">{t("posting.revisionBadge")}</span>}
            </div>
            <p className="text-sm text-slate-700">
              {t("posting.seats")} {f.number(p.quantity)} · {t("posting.applyByDate")} {f.date(`${p.applyBy}T12:00:00+08:00`)}
            </p>
            <ApplicantCount counts={applicants[p.id]} t={t} f={f} />
            {p.status === "rejected" && p.rejectionReason && <p className="text-sm text-red-800">{t("posting.rejectedBecause", { reason: p.rejectionReason })}</p>}
            {p.status !== "closed" && p.status !== "withdrawn" && (
              <Link href={`/organisations/${id}/postings/${p.id}/edit`} className="text-sm">
                {t("posting.edit")}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
