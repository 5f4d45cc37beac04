import type { Metadata } from "next";
import Link from "next/link";
import { postingKinds, type PostingKind } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, serverCaller } from "@/server/request";
import { searchPostingsInput } from "@/server/schemas/search";
import { PostingCard } from "../_components/postings/posting-card";
import { SearchFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "找实习" };

type Params = Record<string, string | undefined>;

/** Search with its filters in the URL, so a search can be shared; results rendered on the server. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const parsed = searchPostingsInput.safeParse({
    query: params.q || undefined,
    regionCode: params.region || undefined,
    industryCode: params.industry || undefined,
    specialtyCode: params.specialty || undefined,
    kinds: params.kind ? [params.kind] : undefined,
    payMin: params.payMin ? Number(params.payMin) : undefined,
    sort: params.sort || undefined,
    cursor: params.ck && params.cr ? { key: Number(params.ck), rowid: Number(params.cr) } : undefined,
  });
  const input = parsed.success ? parsed.data : searchPostingsInput.parse({});
  const result = await (await serverCaller()).search.postings(input);
  const withParams = (changes: Params) => {
    const merged: Params = { ...params, ck: undefined, cr: undefined, ...changes };
    const next = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
    return `/search?${next.toString()}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("search.title")}</h1>
      <SearchFilterForm initial={{ q: params.q ?? "", region: params.region ?? "", industry: params.industry ?? "", specialty: params.specialty ?? "", kind: params.kind ?? "", sort: params.sort ?? "relevance" }} />
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
      {result.items.length === 0 && <p className="card text-slate-700">{t("search.none")}</p>}
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
