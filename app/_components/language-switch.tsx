"use client";

import { useRouter } from "next/navigation";
import { localeCookie } from "@/server/i18n/messages";
import { useLocale, useT } from "./i18n";

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const next = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-left text-sm text-slate-700 hover:bg-slate-100"
      lang={next}
      onClick={() => {
        document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {t("nav.language")}
    </button>
  );
}
