import type { Metadata } from "next";
import Link from "next/link";
import type { PostingKind } from "@/db/schema-enums";
import { formatters, type Translate } from "@/server/i18n/messages";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";
import { ignoredUrlNames, parseSearchParams, searchMaxPage } from "@/server/schemas/search-params";
import type { FacetValue } from "@/server/search/facets";
import { PostingCard } from "../_components/postings/posting-card";
import { SearchFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "找实习" };

type Params = Record<string, string | undefined>;

/**
 * Search with its filters, order and page number in the URL, so a link shows the same page again; results,
 * facets and pages rendered on the server. A signed-in student sees why they may not take a posting, or hides those.
 */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getTranslator();
  const locale = await getLocale();
  const f = formatters(locale);
  // Each parameter on its own: a bad one is dropped and named, the others still filter.
  const { input, ignored } = parseSearchParams(params);
  const dropped = new Set(ignoredUrlNames(ignored));
  const student = (await getRequestContext()).user?.role === "student";
  const result = await (await serverCaller()).search.page(input);
  /** This search's URL with some parameters changed; any change but the page's own starts again at page 1. */
  const withParams = (changes: Params) => {
    const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !dropped.has(k)));
    const merged: Params = { ...kept, ck: undefined, cr: undefined, page: undefined, ...changes };
    const next = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    return `/search?${next.toString()}`;
  };
  const { facets } = result;
  const pages = Math.min(result.pages, searchMaxPage);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("search.title")}</h1>
      {ignored.length > 0 && (
        <p className="card border-amber-300 bg-amber-50 text-sm text-amber-900" role="status" data-testid="search-ignored">
          {t("search.ignored", {
            list: ignored.map((i) => t("search.ignoredParam", { name: t(`search.param.${i.name}`), value: i.value, reason: t(`search.reason.${i.reason}`) })).join(t("common.listSeparator")),
          })}{" "}
          <Link href={withParams({})}>{t("search.clearIgnored")}</Link>
        </p>
      )}
      <div className="space-y-4 sm:grid sm:grid-cols-[17rem_minmax(0,1fr)] sm:items-start sm:gap-6 sm:space-y-0">
        <SearchFilterForm
          // A new search remounts the form: its fields show the URL's values, and a phone's drawer is closed over the new results.
          key={JSON.stringify(params)}
          initial={{
            q: params.q ?? "",
            region: input.regionCode ?? "",
            industry: input.industryCode ?? "",
            specialty: input.specialtyCode ?? "",
            kind: dropped.has("kind") ? "" : (params.kind ?? ""),
            sort: input.sort ?? "relevance",
            hide: input.hideBarred ? "1" : "",
          }}
        >
          <section aria-labelledby="facets-title" className="space-y-3 border-t border-slate-200 pt-3" data-testid="search-facets">
            <h2 id="facets-title" className="text-base font-semibold">
              {t("search.facets")}
            </h2>
            <FacetGroup
              title={t("search.facet.region")}
              testId="facet-region"
              values={
                facets.chosenProvince
                  ? [{ code: "", name: t("search.facet.nationwide"), count: -1 }, facets.chosenProvince, ...facets.city.filter((c) => c.code !== facets.chosenProvince?.code)]
                  : facets.province
              }
              current={input.regionCode}
              href={(code) => withParams({ region: code || undefined })}
              t={t}
              f={f}
            />
            <FacetGroup title={t("search.kind")} testId="facet-kind" values={facets.kind.map((k) => ({ ...k, name: t(`kind.${k.code as PostingKind}`) }))} current={input.kinds?.[0]} href={(code) => withParams({ kind: code })} t={t} f={f} />
            <FacetGroup title={t("search.facet.industry")} testId="facet-industry" values={facets.division} current={input.industryCode} href={(code) => withParams({ industry: code })} t={t} f={f} />
            <FacetGroup title={t("search.facet.specialty")} testId="facet-specialty" values={facets.specialty} current={input.specialtyCode} href={(code) => withParams({ specialty: code })} t={t} f={f} />
          </section>
        </SearchFilterForm>
        <div className="space-y-3">
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-slate-700">
            <p aria-live="polite">{t("search.results", { n: f.number(result.total) })}</p>
            <Link href={withParams({}).replace("/search?", "/my/saved-searches/new?")} data-testid="save-search">{t("savedSearch.save")}</Link>
            {pages > 1 && <p>{t("search.pageOf", { page: f.number(result.page), pages: f.number(pages) })}</p>}
            {student && (
              <Link href={withParams({ hide: input.hideBarred ? undefined : "1" })} data-testid="toggle-barred">
                {input.hideBarred ? t("search.showBarred") : t("search.hideBarred")}
              </Link>
            )}
          </div>
          {result.items.length === 0 && (
            <div className="card space-y-1 text-slate-700" data-testid="search-empty">
              <p>{t("search.none")}</p>
              <p className="text-sm">
                {t("search.noneNext")} <Link href="/search">{t("search.clearFilters")}</Link>
              </p>
            </div>
          )}
          <ul className="space-y-3">
            {result.items.map((p) => (
              <PostingCard key={p.id} p={p} t={t} f={f}>
                {p.barred.length > 0 && (
                  <ul className="flex flex-wrap gap-1">
                    {p.barred.map((reason, i) => (
                      <li key={i} className="badge bg-red-50 text-red-800" data-testid="barred-badge">
                        {t("search.barred", { reason: locale === "en" ? reason.en : reason.zh })}
                      </li>
                    ))}
                  </ul>
                )}
              </PostingCard>
            ))}
          </ul>
          {pages > 1 && <Pager page={result.page} pages={pages} href={(n) => withParams({ page: n > 1 ? String(n) : undefined })} t={t} f={f} />}
        </div>
      </div>
    </div>
  );
}

/** The first values of a facet in view, the rest behind "more"; the chosen one marked, and clicking it removes it. */
function FacetGroup({ title, testId, values, current, href, t, f }: { title: string; testId: string; values: FacetValue[]; current: string | undefined; href: (code: string | undefined) => string; t: Translate; f: ReturnType<typeof formatters> }) {
  if (values.length === 0) return null;
  const shown = 8;
  const link = (v: FacetValue) => {
    const chosen = v.code === (current ?? "");
    return (
      <li key={v.code || "all"}>
        <Link
          href={href(chosen ? undefined : v.code)}
          aria-current={chosen ? "true" : undefined}
          className={`badge px-3 py-1 no-underline ${chosen ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}
        >
          {v.name}
          {v.count >= 0 && <span className="ml-1 tabular-nums">{f.number(v.count)}</span>}
        </Link>
      </li>
    );
  };
  return (
    <div className="space-y-1 text-sm" data-testid={testId}>
      <h3 className="font-medium">{title}</h3>
      <ul className="flex flex-wrap gap-2">{values.slice(0, shown).map(link)}</ul>
      {values.length > shown && (
        <details>
          <summary className="cursor-pointer text-brand-700">{t("search.facet.more", { n: f.number(values.length - shown) })}</summary>
          <ul className="mt-2 flex flex-wrap gap-2">{values.slice(shown).map(link)}</ul>
        </details>
      )}
    </div>
  );
}

/** Page numbers around the current one, with the first and last, previous and next. */
function Pager({ page, pages, href, t, f }: { page: number; pages: number; href: (n: number) => string; t: Translate; f: ReturnType<typeof formatters> }) {
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label={t("search.pages")} data-testid="search-pager">
      <ul className="flex flex-wrap items-center gap-2 text-sm">
        {page > 1 && (
          <li>
            <Link className="btn-secondary" rel="prev" href={href(page - 1)}>
              {t("search.prev")}
            </Link>
          </li>
        )}
        {numbers.map((n, i) => (
          <li key={n} className="flex items-center gap-2">
            {i > 0 && numbers[i - 1]! < n - 1 && <span aria-hidden="true">…</span>}
            <Link
              href={href(n)}
              aria-label={t("search.pageN", { n: f.number(n) })}
              aria-current={n === page ? "page" : undefined}
              className={`btn px-3 ${n === page ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-800"}`}
            >
              {f.number(n)}
            </Link>
          </li>
        ))}
        {page < pages && (
          <li>
            <Link className="btn-secondary" rel="next" href={href(page + 1)}>
              {t("search.next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
