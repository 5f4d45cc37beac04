import type { Metadata } from "next";
import Link from "next/link";
import { complaintStatuses } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ComplaintList } from "../../_components/complaints/complaint-list";
import { FilterForm, SelectFilter } from "../../_components/filters";
import { NotAllowed } from "../../_components/not-allowed";

export const metadata: Metadata = { title: "实习权益投诉", robots: { index: false } };

/** Every complaint, with its deadline and thread, and the postings that reports have suspended pending review. */
export default async function AdminComplaintsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireUser("/admin/complaints");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const { status } = await searchParams;
  const chosen = complaintStatuses.find((s) => s === status);
  const [items, suspended] = await Promise.all([caller.complaints.all({ status: chosen }), caller.complaints.suspendedPostings()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("complaint.adminTitle")}</h1>
      <section className="space-y-2" aria-labelledby="suspended-heading">
        <h2 id="suspended-heading" className="text-lg font-semibold">
          {t("common.withCount", { label: t("complaint.reportedPostings"), n: f.number(suspended.length) })}
        </h2>
        <ul className="space-y-2">
          {suspended.map((p) => (
            <li key={p.id} className="card space-y-1" data-testid="suspended-posting">
              <Link href={`/postings/${p.id}`} className="font-semibold">
                {p.title}
              </Link>
              <span className="text-sm text-slate-600"> · {p.organisationName}</span>
              <p className="text-sm">{t("postingReport.reasons", { n: p.reports, reasons: p.reasons.map((r) => `${t(`postingReport.reason.${r.reason}`)} ×${r.n}${r.notes ? `（${r.notes}）` : ""}`).join("、") })}</p>
            </li>
          ))}
        </ul>
        {suspended.length > 0 && (
          <Link href="/admin/postings" className="btn-secondary">
            {t("complaint.reviewQueue")}
          </Link>
        )}
      </section>
      <section className="space-y-3" aria-labelledby="complaints-heading">
        <h2 id="complaints-heading" className="text-lg font-semibold">
          {t("common.withCount", { label: t("complaint.adminTitle"), n: f.number(items.length) })}
        </h2>
        <FilterForm submitLabel={t("report.filter")}>
          <SelectFilter name="status" label={t("complaint.statusFilter")} emptyLabel={t("complaint.all")} value={chosen} options={complaintStatuses.map((s) => ({ value: s, label: t(`complaint.status.${s}`) }))} />
        </FilterForm>
        <ComplaintList items={items} viewer="admin" t={t} f={f} showPlacement />
      </section>
    </div>
  );
}
