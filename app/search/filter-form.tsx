"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { postingKinds } from "@/db/schema-enums";
import { searchSorts } from "@/server/schemas/search-sorts";
import { useT } from "../_components/i18n";
import { LazyTreePicker as TreePicker } from "../_components/lazy-tree-picker";

type Values = { q: string; region: string; industry: string; specialty: string; kind: string; sort: string; hide: string };

/**
 * The search filters; submitting puts them in the URL, which the page renders from. The keywords stay in view; the
 * other filters and the facets (`children`) form a column beside the results, and on a phone (< 640 px) a drawer
 * above them, opened by a button (aria-expanded), focused when it opens and closed again by Esc.
 */
export function SearchFilterForm({ initial, children }: { initial: Values; children?: ReactNode }) {
  const t = useT();
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const set = (changes: Partial<Values>) => setV({ ...v, ...changes });
  const any = () => true;
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <form
      role="search"
      className="card space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const params = new URLSearchParams(Object.entries(v).filter(([, value]) => value));
        router.push(`/search?${params.toString()}`);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.preventDefault();
          close();
        }
      }}
    >
      <label className="block space-y-1 text-sm">
        <span className="block font-medium">{t("search.query")}</span>
        <input type="search" name="q" className="input" value={v.q} onChange={(e) => set({ q: e.target.value })} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary">
          {t("search.submit")}
        </button>
        <button ref={toggle} type="button" className="btn-secondary sm:hidden" aria-expanded={open} aria-controls="search-filters" onClick={() => (open ? close() : setOpen(true))}>
          {t("search.filters")}
        </button>
      </div>
      <div id="search-filters" className={`${open ? "block" : "hidden"} space-y-3 border-t border-slate-200 pt-3 sm:block`} data-testid="search-filters">
        <h2 ref={heading} tabIndex={-1} className="text-base font-semibold">
          {t("search.filtersOpen")}
        </h2>
        <div className="space-y-1 text-sm">
          <span id="f-region" className="block font-medium">{t("field.regionCode")}</span>
          <TreePicker taxonomy="region" value={v.region || null} onChange={(c) => set({ region: c ?? "" })} canSelect={any} allowClear describedBy="f-region" />
        </div>
        <div className="space-y-1 text-sm">
          <span id="f-specialty" className="block font-medium">{t("field.specialtyCodes")}</span>
          <TreePicker taxonomy="specialty" value={v.specialty || null} onChange={(c) => set({ specialty: c ?? "" })} canSelect={any} allowClear describedBy="f-specialty" />
        </div>
        <div className="space-y-1 text-sm">
          <span id="f-industry" className="block font-medium">{t("field.industryCode")}</span>
          <TreePicker taxonomy="industry" value={v.industry || null} onChange={(c) => set({ industry: c ?? "" })} canSelect={any} allowClear describedBy="f-industry" />
        </div>
        <label className="block space-y-1 text-sm">
          <span className="block font-medium">{t("search.kind")}</span>
          <select className="input" value={v.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t("posting.all")}</option>
            {postingKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block space-y-1 text-sm">
          <span className="block font-medium">{t("search.sort")}</span>
          <select className="input" name="sort" value={v.sort} onChange={(e) => set({ sort: e.target.value })}>
            {searchSorts.map((s) => (
              <option key={s} value={s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary">
            {t("search.showResults")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => router.push("/search")}>
            {t("search.clear")}
          </button>
          <button type="button" className="btn-secondary sm:hidden" onClick={close}>
            {t("search.filtersClose")}
          </button>
        </div>
        {children}
      </div>
    </form>
  );
}
