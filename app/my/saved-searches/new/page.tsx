import type { Metadata } from "next";
import { getTranslator, requireUser } from "@/server/request";
import { savedPostingParams } from "@/server/schemas/saved-searches";
import { parseSearchParams } from "@/server/schemas/search-params";
import { filterLines } from "../filters";
import { SaveSearchForm } from "../save-search-form";

export const metadata: Metadata = { title: "保存搜索", robots: { index: false } };

type Params = Record<string, string | undefined>;

/** Saves the search the search page's "save this search" link carries in its URL (the same parameters, the same parser). */
export default async function NewSavedSearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const raw = await searchParams;
  const query = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  await requireUser(`/my/saved-searches/new${query ? `?${query}` : ""}`);
  const t = await getTranslator();
  // Only what defines the results is kept: not the order, the page or the position in it.
  const params = savedPostingParams.parse(parseSearchParams(raw).input);
  const lines = filterLines(t, "postings", params);
  const defaultName = (params.query ?? lines[0]?.split("：")[1] ?? t("savedSearch.noFilters")).slice(0, 40);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("savedSearch.newTitle")}</h1>
      <p className="text-sm text-slate-700">
        {t("savedSearch.filters")}：{lines.length ? lines.join("；") : t("savedSearch.noFilters")}
      </p>
      <p className="text-sm text-slate-700">{t("savedSearch.lead")}</p>
      <SaveSearchForm target={{ kind: "postings", params }} defaultName={defaultName} />
    </div>
  );
}
