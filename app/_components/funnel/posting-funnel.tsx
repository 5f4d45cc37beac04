import { getLocale, getTranslator, serverCaller } from "@/server/request";
import { FunnelByDay, FunnelByStage } from "./funnel-tables";

/** A posting's funnel over the last 30 days, for its organisation's members and administrators (the procedure checks). */
export async function PostingFunnel({ postingId }: { postingId: string }) {
  const t = await getTranslator();
  const locale = await getLocale();
  const funnel = await (await serverCaller()).funnel.forPosting({ postingId, days: 30 });
  return (
    <section className="card space-y-3" aria-labelledby="funnel-heading" data-testid="posting-funnel">
      <div>
        <h2 id="funnel-heading" className="text-lg font-semibold">
          {t("funnel.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("funnel.period", { days: 30, from: funnel.from, to: funnel.to })}</p>
      </div>
      <FunnelByStage bySource={funnel.bySource} total={funnel.total} t={t} locale={locale} />
      <FunnelByDay funnel={funnel} t={t} locale={locale} />
      <p className="text-xs text-slate-600">{t("funnel.cohortNote")}</p>
    </section>
  );
}
