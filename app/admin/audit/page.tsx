import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { auditActions } from "@/server/routers/admin";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { FilterForm, SelectFilter, TextFilter } from "../../_components/filters";
import { NotAllowed } from "../../_components/not-allowed";

export const metadata: Metadata = { title: "审计日志" };

/** The audit log of sensitive actions, searchable by action and by target or person; filters in the URL. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; q?: string; cursor?: string }> }) {
  const user = await requireUser("/admin/audit");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const { action, q, cursor } = await searchParams;
  const chosen = auditActions.find((a) => a === action);
  const page = await (await serverCaller()).admin.auditLog({ action: chosen, query: q?.trim() || undefined, cursor: Number(cursor) || 0 });
  const targetLink = (type: string, id: string) => (type === "organisation" ? `/organisations/${id}` : type === "posting" ? `/postings/${id}` : null);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
      <FilterForm submitLabel={t("report.filter")}>
        <SelectFilter name="action" label={t("audit.action")} emptyLabel={t("audit.all")} value={chosen} options={auditActions.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))} />
        <TextFilter name="q" label={t("audit.search")} value={q} />
      </FilterForm>
      {page.items.length === 0 && <p className="card">{t("audit.none")}</p>}
      <div className="overflow-x-auto">
        <table className="card table-cards w-full text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="px-2 py-1">{t("audit.time")}</th>
              <th scope="col" className="px-2 py-1">{t("audit.action")}</th>
              <th scope="col" className="px-2 py-1">{t("audit.target")}</th>
              <th scope="col" className="px-2 py-1">{t("audit.actor")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((e) => {
              const link = targetLink(e.targetType, e.targetId);
              return (
                <tr key={e.id} className="border-t border-slate-100" data-testid="audit-row">
                  <td data-label={t("audit.time")} className="whitespace-nowrap px-2 py-1">{f.dateTime(e.createdAt)}</td>
                  <td data-label={t("audit.action")} className="px-2 py-1">{t(`audit.action.${e.action as (typeof auditActions)[number]}`)}</td>
                  <td data-label={t("audit.target")} className="px-2 py-1">{link ? <Link href={link}>{e.summary}</Link> : e.summary}</td>
                  <td data-label={t("audit.actor")} className="px-2 py-1">{e.actorName ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {page.nextCursor !== null && (
        <Link className="btn-secondary" href={`/admin/audit?${new URLSearchParams({ ...(chosen ? { action: chosen } : {}), ...(q ? { q } : {}), cursor: String(page.nextCursor) })}`}>
          {t("admin.loadMore")}
        </Link>
      )}
    </div>
  );
}
