import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getRequestContext, getTranslator } from "@/server/request";
import { I18nProvider } from "./_components/i18n";
import { LanguageSwitch } from "./_components/language-switch";
import { SignOutButton } from "./_components/sign-out-button";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "产教桥 EduBridge · 职业教育校企合作供需对接平台", template: "%s · 产教桥 EduBridge" },
  description: "按地区、行业和专业对接职业院校与企业：实训基地、岗位实习、学徒岗位、订单班。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslator();
  const { user } = await getRequestContext();
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <I18nProvider locale={locale}>
          <TRPCReactProvider>
            <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
              {locale === "zh-CN" ? "跳到正文" : "Skip to content"}
            </a>
            <header className="border-b border-slate-200 bg-white">
              <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
                <Link href="/" className="flex items-baseline gap-2 text-lg font-bold text-brand-800 no-underline">
                  {t("app.name")}
                  <span className="hidden text-xs font-normal text-slate-600 sm:inline">{t("app.tagline")}</span>
                </Link>
                <nav aria-label={t("nav.menu")} className="flex flex-wrap items-center gap-1 text-sm">
                  <Link href="/search" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                    {t("nav.search")}
                  </Link>
                  {user ? (
                    <>
                      <Link href="/home" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                        {t("nav.home")}
                      </Link>
                      {user.role === "student" && (
                        <Link href="/profile" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                          {t("nav.profile")}
                        </Link>
                      )}
                      {(user.role === "school" || user.role === "enterprise") && (
                        <Link href="/my/postings" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                          {t("nav.postings")}
                        </Link>
                      )}
                      {user.role === "admin" && (
                        <>
                          <Link href="/admin/organisations" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                            {t("nav.adminOrganisations")}
                          </Link>
                          <Link href="/admin/postings" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                            {t("nav.reviewPostings")}
                          </Link>
                        </>
                      )}
                      <span className="px-2 text-slate-600" data-testid="current-user">
                        {user.name} · {t(`role.${user.role}`)}
                      </span>
                      <SignOutButton />
                    </>
                  ) : (
                    <>
                      <Link href="/sign-in" className="rounded px-2 py-1 text-slate-800 hover:bg-slate-100">
                        {t("nav.signIn")}
                      </Link>
                      <Link href="/sign-up" className="btn-primary px-3 py-1">
                        {t("nav.signUp")}
                      </Link>
                    </>
                  )}
                  <LanguageSwitch />
                </nav>
              </div>
            </header>
            <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
              {children}
            </main>
            <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">
              {t("app.fullName")} · {t("app.tagline")}
            </footer>
          </TRPCReactProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
