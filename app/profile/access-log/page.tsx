import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";

export const metadata: Metadata = { title: "谁查看了我的信息", robots: { index: false } };

/** "谁查看了我的信息": every read of the student's contact data or CV by a host or an administrator, newest first. */
export default async function AccessLogPage() {
  const user = await requireUser("/profile/access-log");
  const t = await getTranslator();
  if (user.role !== "student") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const entries = await (await serverCaller()).students.accessLog();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("accessLog.title")}</h1>
        <Link href="/profile" className="btn-secondary">
          {t("nav.profile")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">{t("accessLog.lead")}</p>
      {entries.length === 0 ? (
        <p className="card">{t("accessLog.none")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("accessLog.title")}>
          {entries.map((e) => (
            <li key={e.id} className="card grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="access-log-entry">
              <span className="text-slate-600">{t("accessLog.when")}</span>
              <time dateTime={e.createdAt.toISOString()}>{f.dateTime(e.createdAt)}</time>
              <span className="text-slate-600">{t("accessLog.who")}</span>
              <span>{e.viewerRole === "admin" ? t("accessLog.admin") : (e.organisationName ?? t("accessLog.unknownOrg"))}</span>
              <span className="text-slate-600">{t("accessLog.what")}</span>
              <span>{t(`accessLog.what.${e.what}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
