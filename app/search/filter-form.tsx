"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postingKinds } from "@/db/schema-enums";
import { useT } from "../_components/i18n";
import { LazyTreePicker as TreePicker } from "../_components/lazy-tree-picker";

type Values = { q: string; region: string; industry: string; specialty: string; kind: string; sort: string };

/** The search filters; submitting puts them in the URL, which the page renders from. */
export function SearchFilterForm({ initial }: { initial: Values }) {
  const t = useT();
  const router = useRouter();
  const [v, setV] = useState(initial);
  const set = (changes: Partial<Values>) => setV({ ...v, ...changes });
  const any = () => true;
  return (
    <form
      role="search"
      className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const params = new URLSearchParams(Object.entries(v).filter(([, value]) => value));
        router.push(`/search?${params.toString()}`);
      }}
    >
      <label className="space-y-1 text-sm sm:col-span-2 lg:col-span-3">
        <span className="block font-medium">{t("search.query")}</span>
        <input type="search" name="q" className="input" value={v.q} onChange={(e) => set({ q: e.target.value })} />
      </label>
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
      <label className="space-y-1 text-sm">
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
      <label className="space-y-1 text-sm">
        <span className="block font-medium">{t("search.sort")}</span>
        <select className="input" value={v.sort} onChange={(e) => set({ sort: e.target.value })}>
          {(["relevance", "newest", "pay"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`search.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary">
          {t("search.submit")}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.push("/search")}>
          {t("search.clear")}
        </button>
      </div>
    </form>
  );
}
