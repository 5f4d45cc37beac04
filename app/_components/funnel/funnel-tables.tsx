import { formatters, type Locale, type Translate } from "@/server/i18n/messages";
import type { PostingFunnel, StageCounts } from "@/server/funnel/read";
import { funnelSources, funnelStages, type FunnelSource } from "@/server/funnel/sources";
import { FunnelChart } from "./funnel-chart";

/** Colours per source; the chart is labelled and the table beside it carries every number. */
export const sourceColours: Record<FunnelSource, string> = { search: "#0f766e", recommendation: "#1d4ed8", direct: "#64748b" };

/** The stages of a funnel as a chart (lazy) and a table, one column per source and a total. */
export function FunnelByStage({ bySource, total, t, locale }: { bySource: Record<FunnelSource, StageCounts>; total: StageCounts; t: Translate; locale: Locale }) {
  const f = formatters(locale);
  const stages = funnelStages.map((s) => t(`funnel.stage.${s}`));
  return (
    <>
      <FunnelChart label={t("funnel.chartLabel")} labels={stages} height={260} series={funnelSources.map((s) => ({ name: t(`funnel.source.${s}`), values: funnelStages.map((stage) => bySource[s][stage]), color: sourceColours[s], stack: "funnel" }))} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="funnel-table">
          <caption className="sr-only">{t("funnel.title")}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="px-2 py-1">
                {t("funnel.stage")}
              </th>
              {funnelSources.map((s) => (
                <th key={s} scope="col" className="px-2 py-1 text-right">
                  {t(`funnel.source.${s}`)}
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right">
                {t("funnel.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {funnelStages.map((stage, i) => (
              <tr key={stage} className="border-b border-slate-100" data-testid={`funnel-stage-${stage}`}>
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {stages[i]}
                </th>
                {funnelSources.map((s) => (
                  <td key={s} className="px-2 py-1 text-right tabular-nums">
                    {f.number(bySource[s][stage])}
                  </td>
                ))}
                <td className="px-2 py-1 text-right font-semibold tabular-nums">{f.number(total[stage])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Every day and source of a posting's funnel, the chart's text alternative in full. */
export function FunnelByDay({ funnel, t, locale }: { funnel: PostingFunnel; t: Translate; locale: Locale }) {
  if (funnel.rows.length === 0) return <p className="text-slate-600">{t("funnel.none")}</p>;
  return (
    <details>
      <summary className="cursor-pointer">{t("funnel.byDay")}</summary>
      <StageRowsTable
        headings={[t("funnel.day"), t("funnel.source")]}
        rows={funnel.rows.map((row) => ({ key: `${row.day}-${row.source}`, label: row.day, detail: t(`funnel.source.${row.source}`), counts: row }))}
        t={t}
        locale={locale}
      />
    </details>
  );
}

/** Rows of stage counts, each named by two columns (a day and a source; a province and a kind). */
export function StageRowsTable({ headings, rows, t, locale, testId }: { headings: [string, string]; rows: { key: string; label: string; detail: string; counts: StageCounts }[]; t: Translate; locale: Locale; testId?: string }) {
  const f = formatters(locale);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            {headings.map((heading) => (
              <th key={heading} scope="col" className="px-2 py-1">
                {heading}
              </th>
            ))}
            {funnelStages.map((s) => (
              <th key={s} scope="col" className="px-2 py-1 text-right">
                {t(`funnel.stage.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                {row.label}
              </th>
              <td className="px-2 py-1">{row.detail}</td>
              {funnelStages.map((s) => (
                <td key={s} className="px-2 py-1 text-right tabular-nums">
                  {f.number(row.counts[s])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
