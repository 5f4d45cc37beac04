"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
// formatters only: the dictionaries stay on the server (tree-shaken away), and the layout hands the client
// the reader's language alone, instead of every key in both languages in every page's JavaScript.
import { formatters, type Locale, type MessageKey, type Translate } from "@/server/i18n/messages";

export type ClientMessages = Partial<Record<MessageKey, string>>;

const I18nContext = createContext<{ locale: Locale; messages: ClientMessages }>({ locale: "zh-CN", messages: {} });

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: ClientMessages; children: ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}

/** The translate function for client components, in the reader's language (same rules as the server's `translate`). */
export function useT(): Translate {
  const { messages } = useContext(I18nContext);
  return useMemo(
    () => (key, params) => {
      const text: string = messages[key] ?? key;
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    [messages],
  );
}

export function useFormatters() {
  const locale = useLocale();
  return useMemo(() => formatters(locale), [locale]);
}
