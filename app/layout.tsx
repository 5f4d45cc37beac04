import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import type { UserRole } from "@/db/schema-enums";
import type { MessageKey } from "@/server/i18n/messages";
import { messagesFor } from "@/server/i18n/messages";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";
import { I18nProvider } from "./_components/i18n";
import { LanguageSwitch } from "./_components/language-switch";
import { NavMenu } from "./_components/nav-menu";
import { SessionKeepAlive } from "./_components/session-keep-alive";
import { SignOutButton } from "./_components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "产教桥 EduBridge · 职业教育校企合作供需对接平台", template: "%s · 产教桥 EduBridge" },
  description: "按地区、行业和专业对接职业院校与企业：实训基地、岗位实习、学徒岗位、订单班。",
  applicationName: "产教桥",
  appleWebApp: { capable: true, title: "产教桥", statusBarStyle: "default" },
};

/** The brand colour (brand-700 in globals.css), also the manifest's theme colour. */
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b5f59" };

const navLink = "rounded px-2 py-1 text-slate-800 hover:bg-slate-100";

/** The header's links for each role (search is for everyone, notifications for every signed-in user). */
function navLinksFor(role: UserRole): [string, MessageKey][] {
  const home: [string, MessageKey] = ["/home", "nav.home"];
  switch (role) {
    case "student":
      return [home, ["/my/applications", "nav.applications"], ["/allocation", "nav.allocation"], ["/my/saved-searches", "savedSearch.title"], ["/profile", "nav.profile"]];
    case "school":
    case "enterprise":
      return [home, ["/my/postings", "nav.postings"], ["/my/placements", "nav.placements"], ["/allocation", "nav.allocation"], ["/my/saved-searches", "savedSearch.title"], ["/reports", "nav.reports"]];
    case "admin":
      return [home, ["/admin/organisations", "nav.adminOrganisations"], ["/admin/postings", "nav.reviewPostings"], ["/admin/complaints", "nav.adminComplaints"], ["/admin/overview", "nav.adminOverview"], ["/admin/audit", "nav.audit"], ["/admin/specialty-map", "nav.specialtyMap"], ["/admin/webhooks", "nav.webhooks"], ["/admin/api-tokens", "nav.apiTokens"], ["/reports", "nav.reports"]];
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslator();
  const { user } = await getRequestContext();
  const unread = user ? await (await serverCaller()).notifications.unreadCount() : 0;
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
            {t("shell.skip")}
          </a>
          <header className="relative border-b border-slate-200 bg-white print:hidden">
            <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-3">
              <Link href="/" className="flex items-baseline gap-2 text-lg font-bold text-brand-800 no-underline">
                {t("app.name")}
                <span className="hidden text-xs font-normal text-slate-600 sm:inline">{t("app.tagline")}</span>
              </Link>
              <NavMenu label={t("nav.menu")} buttonLabel={t("shell.openMenu")}>
                <Link href="/search" className={navLink}>
                  {t("nav.search")}
                </Link>
                {user ? (
                  <>
                    {navLinksFor(user.role).map(([href, key]) => (
                      <Link key={href} href={href} className={navLink}>
                        {t(key)}
                      </Link>
                    ))}
                    <Link href="/notifications" className={navLink} data-testid="notifications-link">
                      {t("nav.notifications")}
                      {unread > 0 && (
                        <span className="ml-1 rounded-full bg-red-700 px-1.5 text-xs text-white">
                          {unread}
                          <span className="sr-only">{t("notify.unread", { n: unread })}</span>
                        </span>
                      )}
                    </Link>
                    <Link href="/account" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100" data-testid="current-user" title={t("nav.account")}>
                      {user.name} · {t(`role.${user.role}`)}
                    </Link>
                    <SignOutButton label={t("nav.signOut")} />
                    <SessionKeepAlive />
                  </>
                ) : (
                  <>
                    <Link href="/sign-in" className={navLink}>
                      {t("nav.signIn")}
                    </Link>
                    <Link href="/sign-up" className="btn-primary px-3 py-1">
                      {t("nav.signUp")}
                    </Link>
                  </>
                )}
                <LanguageSwitch />
              </NavMenu>
            </div>
          </header>
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
            {children}
          </main>
          <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600 print:hidden">
            {t("app.fullName")} · {t("app.tagline")}
          </footer>
        </I18nProvider>
      </body>
    </html>
  );
}
