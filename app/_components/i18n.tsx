"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatters, translator, type Locale, type Translate } from "@/server/i18n/messages";

const I18nContext = createContext<Locale>("zh-CN");

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={locale}>{children}</I18nContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(I18nContext);
}

/** The translate function for client components, in the reader's language. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

export function useFormatters() {
  const locale = useLocale();
  return useMemo(() => formatters(locale), [locale]);
}
