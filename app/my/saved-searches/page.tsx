import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { filterLines } from "./filters";
import { SavedSearchActions } from "./saved-search-actions";
import { SaveSearchForm } from "./save-search-form";

export const metadata: Metadata = { title: "保存的搜索", robots: { index: false } };

/** The reader's saved searches with their alert settings; enterprises also save candidate searches here. */
export default async function SavedSearchesPage() {
  const user = await requireUser("/my/saved-searches");
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const api = await serverCaller();
  const searches = await api.savedSearches.list();
  const enterprises = user.role === "enterprise" ? (await api.accounts.me()).memberships.filter((m) => m.kind === "enterprise" && m.verificationStatus === "verified") : [];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("savedSearch.title")}</h1>
      <p className="text-sm text-slate-700">{t("savedSearch.lead")}</p>
      {searches.length === 0 && (
        <p className="card" data-testid="saved-searches-empty">
          {t("savedSearch.none")} <Link href="/search">{t("nav.search")}</Link>
        </p>
      )}
      <ul className="space-y-3">
        {searches.map((s) => {
          const lines = filterLines(t, s.kind, s.params);
          return (
            <li key={s.id} className="card space-y-2" data-testid="saved-search">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">{s.name}</h2>
                <span className="badge bg-slate-100 text-slate-800">
                  {t(`savedSearch.kind.${s.kind}`)}
                  {s.organisationName ? ` · ${s.organisationName}` : ""}
                </span>
              </div>
              <p className="text-sm text-slate-700">
                {t("savedSearch.filters")}：{lines.length ? lines.join("；") : t("savedSearch.noFilters")}
              </p>
              <p className="text-sm text-slate-700">
                {t(`savedSearch.frequency.${s.frequency}`)} · {s.mailEnabled ? t("savedSearch.mailOn") : t("savedSearch.mailOff")} · {f.dateTime(s.createdAt)}
                {s.searchUrl && (
                  <>
                    {" · "}
                    <Link href={s.searchUrl}>{t("savedSearch.open")}</Link>
                  </>
                )}
              </p>
              <SavedSearchActions id={s.id} name={s.name} frequency={s.frequency} mailEnabled={s.mailEnabled} />
            </li>
          );
        })}
      </ul>
      {enterprises.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-xl font-semibold">{t("savedSearch.candidatesTitle")}</h2>
          <p className="text-sm text-slate-700">{t("savedSearch.candidatesLead")}</p>
          <SaveSearchForm target={{ kind: "candidates", organisations: enterprises.map((m) => ({ id: m.organisationId, name: m.name })) }} defaultName={t("savedSearch.kind.candidates")} />
        </section>
      )}
    </div>
  );
}
