import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { orNull } from "../../../_trpc/errors";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "三方协议", robots: { index: false } };

/** The agreement as a document: readable on a phone, printable on A4 (the header and buttons hide in print). */
export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/placements/${id}/agreement`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const data = (await orNull((await serverCaller()).placements.agreement({ placementId: id }))) ?? notFound();
  const { agreement, confirmations, parties } = data;
  const signed = (label: string, name: string, at: Date | null) => `${label}：${name}　${at ? t("placement.confirmed", { party: "", time: f.dateTime(at) }) : t("placement.notConfirmed", { party: "" })}`;
  return (
    <article className="mx-auto max-w-3xl space-y-5 bg-white print:max-w-none" lang="zh-CN">
      <div className="flex flex-wrap gap-2 print:hidden">
        <Link href={`/placements/${id}`} className="btn-secondary">
          ← {t("placement.title")}
        </Link>
        <PrintButton label={t("placement.print")} />
        <a href={`/placements/${id}/agreement/pdf`} className="btn-secondary">
          {t("placement.downloadPdf")}
        </a>
      </div>
      <h1 className="text-center text-2xl font-bold">{agreement.title}</h1>
      <p className="text-center text-xs text-slate-600">文本校验码 {agreement.digest}</p>
      {agreement.sections.map((section) => (
        <section key={section.heading} className="space-y-1 break-inside-avoid">
          <h2 className="text-lg font-semibold">{section.heading}</h2>
          {section.lines.map((line) => (
            <p key={line} className="leading-relaxed">
              {line}
            </p>
          ))}
        </section>
      ))}
      <section className="space-y-2 border-t border-slate-300 pt-4" data-testid="agreement-signatures">
        <p>{signed("甲方（学校）", parties.school, confirmations.school)}</p>
        <p>{signed("乙方（实习单位）", parties.host, confirmations.host)}</p>
        <p>{signed("丙方（学生）", parties.student, confirmations.student)}</p>
      </section>
    </article>
  );
}
