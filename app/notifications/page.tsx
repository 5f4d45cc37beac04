import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { MarkAllRead } from "./mark-all-read";

export const metadata: Metadata = { title: "通知中心", robots: { index: false } };

/** The notification centre: every state change that concerns the reader, newest first. */
export default async function NotificationsPage() {
  const user = await requireUser("/notifications");
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const items = await (await serverCaller()).notifications.list({});
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("notify.title")}</h1>
        {unread > 0 && <MarkAllRead label={t("notify.markAllRead")} />}
      </div>
      {items.length === 0 && (
        <div className="card space-y-2" data-testid="notifications-empty">
          <p className="font-medium">{t("notify.none")}</p>
          <p className="text-sm text-slate-700">{t("notify.noneNext")}</p>
          <Link className="btn-secondary inline-block" href={user.role === "student" ? "/search" : "/home"}>
            {user.role === "student" ? t("notify.browse") : t("notify.toHome")}
          </Link>
        </div>
      )}
      <ul className="space-y-2">
        {items.map((n) => (
          <li key={n.id} className={`card flex flex-wrap items-baseline justify-between gap-2 ${n.read ? "" : "border-brand-600 bg-brand-50"}`} data-testid="notification">
            <Link href={n.link} className={n.read ? "" : "font-semibold"}>
              {n.text}
            </Link>
            <span className="text-xs text-slate-600">{f.dateTime(n.createdAt)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
