import type { Metadata } from "next";
import { postingKinds, type PostingKind } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { funnelStages } from "@/server/funnel/sources";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { FunnelChart } from "../../_components/funnel/funnel-chart";
import { StageRowsTable } from "../../_components/funnel/funnel-tables";

export const metadata: Metadata = { title: "数据漏斗" };

const dayChoices = [7, 30, 90, 365] as const;

/** Administrators: every posting's funnel summed by province and kind, over a chosen period. */
export default async function AdminFunnelsPage({ searchParams }: { searchParams: Promise<{ kind?: string; days?: string }> }) {
  const user = await requireUser("/admin/funnels");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const locale = await getLocale();
  const f = formatters(locale);
  const params = await searchParams;
  const kind = postingKinds.find((k): k is PostingKind => k === params.kind);
  const days = dayChoices.find((d) => String(d) === params.days) ?? 30;
  const data = await (await serverCaller()).funnel.byRegion({ days, kind });
  const stages = funnelStages.map((s) => t(`funnel.stage.${s}`));
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">{t("funnel.adminTitle")}</h1>
        <p className="text-slate-700">{t("funnel.adminIntro")}</p>
      </div>
      <form method="get" className="card flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">
          {t("funnel.kind")}
          <select name="kind" defaultValue={kind ?? ""} className="input">
            <option value="">{t("funnel.allKinds")}</option>
            {postingKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("funnel.days")}
          <select name="days" defaultValue={String(days)} className="input">
            {dayChoices.map((d) => (
              <option key={d} value={d}>
                {f.number(d)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-primary">
          {t("funnel.show")}
        </button>
      </form>
      <section className="card space-y-3" aria-labelledby="funnel-total-heading">
        <h2 id="funnel-total-heading" className="text-lg font-semibold">
          {t("funnel.total")} · {t("funnel.period", { days, from: data.from, to: data.to })}
        </h2>
        <FunnelChart label={t("funnel.byProvinceChart")} labels={stages} height={240} series={[{ name: t("funnel.total"), values: funnelStages.map((s) => data.total[s]), color: "#0f766e" }]} />
      </section>
      <section className="card space-y-2" aria-labelledby="funnel-regions-heading">
        <h2 id="funnel-regions-heading" className="text-lg font-semibold">
          {t("funnel.province")} × {t("funnel.kind")}
        </h2>
        {data.rows.length === 0 ? (
          <p className="text-slate-600">{t("funnel.none")}</p>
        ) : (
          <StageRowsTable
            headings={[t("funnel.province"), t("funnel.kind")]}
            rows={data.rows.map((row) => ({ key: `${row.provinceCode}-${row.kind}`, label: row.provinceName, detail: t(`kind.${row.kind}`), counts: row }))}
            t={t}
            locale={locale}
            testId="funnel-regions"
          />
        )}
      </section>
      <p className="text-xs text-slate-600">{t("funnel.cohortNote")}</p>
    </div>
  );
}
