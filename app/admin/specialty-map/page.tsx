import type { Metadata } from "next";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { FilterForm, TextFilter } from "../../_components/filters";
import { NotAllowed } from "../../_components/not-allowed";
import { MapEntryEditor } from "./map-entry-editor";

export const metadata: Metadata = { title: "专业行业对照" };

/** The specialty class → industry division map, searchable, each row editable with its history. */
export default async function SpecialtyMapPage({ searchParams }: { searchParams: Promise<{ q?: string; edit?: string }> }) {
  const user = await requireUser("/admin/specialty-map");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const { q, edit } = await searchParams;
  const caller = await serverCaller();
  const entries = await caller.admin.specialtyMap({ query: q?.trim() || undefined });
  const history = edit && /^\d{4}$/.test(edit) ? await caller.admin.specialtyMapHistory({ domainCode: edit }) : [];
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("map.title")}</h1>
        <p className="max-w-4xl text-sm text-slate-700">{t("map.lead")}</p>
      </div>
      <FilterForm submitLabel={t("report.filter")}>
        <TextFilter name="q" label={t("map.search")} value={q} />
      </FilterForm>
      {entries.length === 0 && (
        <p className="card text-slate-700" data-testid="map-empty">
          {t("map.noMatch", { q: q ?? "" })} <a href="/admin/specialty-map">{t("map.showAll")}</a>
        </p>
      )}
      <ul className="space-y-2">
        {entries.map((e) => (
          <li key={e.domainCode} id={`class-${e.domainCode}`} className="card scroll-mt-4 space-y-2" data-testid="map-entry">
            <div className="flex flex-wrap items-baseline gap-2">
              <span className="font-semibold">
                {t("common.withCode", { name: e.className, code: e.domainCode })}
              </span>
              <span className="text-sm text-slate-600">{t("map.version", { n: e.version })}</span>
            </div>
            {edit === e.domainCode ? (
              <>
                <MapEntryEditor domainCode={e.domainCode} primary={e.primaryDivisions} related={e.relatedDivisions} />
                {history.length > 0 && (
                  <section aria-label={t("map.history")} className="text-sm">
                    <h3 className="font-semibold">{t("map.history")}</h3>
                    <ul>
                      {history.map((h) => (
                        <li key={h.id}>
                          {f.dateTime(h.createdAt)} · {h.changedBy ?? "—"} · {h.before.primaryDivisions.join(",")} → {h.after.primaryDivisions.join(",")}
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
              </>
            ) : (
              <p className="text-sm">
                {t("common.label", { label: t("map.primary") })}
                {e.primaryDivisions.join(t("common.listSeparator")) || "—"} · {t("common.label", { label: t("map.related") })}
                {e.relatedDivisions.join(t("common.listSeparator")) || "—"} ·{" "}
                <a href={`/admin/specialty-map?${new URLSearchParams({ ...(q ? { q } : {}), edit: e.domainCode })}#class-${e.domainCode}`} aria-label={`${t("map.edit")} ${t("common.withCode", { name: e.className, code: e.domainCode })}`}>
                  {t("map.edit")}
                </a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
