import type { Metadata } from "next";
import Link from "next/link";
import { postingKinds, type PostingKind } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, serverCaller } from "@/server/request";
import { ignoredUrlNames, parseSearchParams } from "@/server/schemas/search-params";
import { PostingCard } from "../_components/postings/posting-card";
import { SearchFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "找实习" };

type Params = Record<string, string | undefined>;

/** Search with its filters in the URL, so a search can be shared; results rendered on the server. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getTranslator();
  const f = formatters(await getLocale());
  // Each parameter on its own: a bad one is dropped and named, the others still filter.
  const { input, ignored } = parseSearchParams(params);
  const dropped = new Set(ignoredUrlNames(ignored));
  const result = await (await serverCaller()).search.postings(input);
  const withParams = (changes: Params) => {
    const kept = Object.fromEntries(Object.entries(params).filter(([k]) => !dropped.has(k)));
    const merged: Params = { ...kept, ck: undefined, cr: undefined, ...changes };
    const next = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    return `/search?${next.toString()}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("search.title")}</h1>
      <SearchFilterForm initial={{ q: params.q ?? "", region: input.regionCode ?? "", industry: input.industryCode ?? "", specialty: input.specialtyCode ?? "", kind: dropped.has("kind") ? "" : (params.kind ?? ""), sort: input.sort ?? "relevance" }} />
      {ignored.length > 0 && (
        <p className="card border-amber-300 bg-amber-50 text-sm text-amber-900" role="status" data-testid="search-ignored">
          {t("search.ignored", {
            list: ignored.map((i) => t("search.ignoredParam", { name: t(`search.param.${i.name}`), value: i.value, reason: t(`search.reason.${i.reason}`) })).join(t("common.listSeparator")),
          })}{" "}
          <Link href={withParams({})}>{t("search.clearIgnored")}</Link>
        </p>
      )}
      <nav aria-label={t("search.kind")} className="flex flex-wrap gap-2 text-sm">
        {postingKinds
          .filter((k) => result.facets.kind[k])
          .map((k: PostingKind) => (
            <Link key={k} href={withParams({ kind: params.kind === k ? undefined : k })} aria-current={params.kind === k ? "true" : undefined} className={`badge px-3 py-1 no-underline ${params.kind === k ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}>
              {t(`kind.${k}`)} {f.number(result.facets.kind[k]!)}
            </Link>
          ))}
      </nav>
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("search.results", { n: f.number(result.total) })}
      </p>
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
          <PostingCard key={p.id} p={p} t={t} f={f} />
        ))}
      </ul>
      {result.nextCursor && (
        <Link className="btn-secondary" href={`${withParams({})}&ck=${result.nextCursor.key}&cr=${result.nextCursor.rowid}`}>
          {t("admin.loadMore")}
        </Link>
      )}
    </div>
  );
}
