"use client";

import dynamic from "next/dynamic";
import { useT } from "./i18n";

function PickerPlaceholder() {
  const t = useT();
  return (
    <div className="flex gap-2">
      <span className="input text-slate-600">{t("picker.choose")}</span>
    </div>
  );
}

/**
 * The TreePicker for public pages (the search filters): its code, react-query and the tRPC client load after
 * the page has shown, not in its first load; until then a look-alike placeholder holds the place.
 */
export const LazyTreePicker = dynamic(() => import("./tree-picker-island").then((m) => m.TreePickerIsland), { ssr: false, loading: PickerPlaceholder });
