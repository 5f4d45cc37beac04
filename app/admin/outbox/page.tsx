import type { Metadata } from "next";
import Link from "next/link";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";

export const metadata: Metadata = { title: "邮件发件箱", robots: { index: false } };

/** Every mail the platform wrote, newest first: without SMTP_URL they stay here for the administrator to read. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ offset?: string }> }) {
  const user = await requireUser("/admin/outbox");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const f = formatters(await getLocale());
  const { offset } = await searchParams;
  const from = offset && /^\d{1,5}$/.test(offset) ? Number(offset) : 0;
  const mails = await (await serverCaller()).savedSearches.outbox({ offset: from });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("outbox.title")}</h1>
      <p className="text-sm text-slate-700">{t("outbox.lead")}</p>
      {mails.length === 0 && <p className="card">{t("outbox.none")}</p>}
      <ul className="space-y-3">
        {mails.map((m) => (
          <li key={m.id} className="card space-y-1" data-testid="outbox-mail">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-semibold">{m.subject}</h2>
              <span className="badge bg-slate-100 text-slate-800">{t(`outbox.status.${m.status}`)}</span>
            </div>
            <p className="text-sm text-slate-700">
              {t("outbox.to")}：{m.toAddress} · {f.dateTime(m.createdAt)}
              {m.error ? ` · ${m.error}` : ""}
            </p>
            <details>
              <summary className="cursor-pointer text-sm">{m.subject}</summary>
              <pre className="whitespace-pre-wrap break-all text-xs">
                {Object.entries(m.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join("\n")}
                {"\n\n"}
                {m.body}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      {mails.length === 50 && (
        <Link className="btn-secondary" href={`/admin/outbox?offset=${from + 50}`}>
          {t("admin.loadMore")}
        </Link>
      )}
    </div>
  );
}
