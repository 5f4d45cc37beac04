"use client";

import Link from "next/link";
import { useState } from "react";
import type { RowProblem } from "@/server/imports/columns";
import type { RosterActivation } from "@/server/imports/roster";
import { useFormatters, useT } from "../../../_components/i18n";

/** The route's result line (server/imports/respond.ts), as JSON: dates as strings. */
interface Result {
  committed: boolean;
  total: number;
  create?: number;
  unchanged?: number;
  problems: RowProblem[];
  activations?: RosterActivation[];
  expiresAt?: string | null;
  postingIds?: string[];
  sheet?: string | null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Upload, check (dry run), then import; progress from the route's NDJSON lines; the activation sheet once. */
export function ImportForm({ organisationId, kind }: { organisationId: string; kind: "roster" | "postings" }) {
  const t = useT();
  const f = useFormatters();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  async function send(mode: "check" | "commit") {
    if (!file) return setError(t("imports.error.noFile"));
    setBusy(true);
    setError(null);
    if (mode === "check") setResult(null);
    setProgress({ done: 0, total: 0 });
    const form = new FormData();
    form.set("organisationId", organisationId);
    form.set("mode", mode);
    form.set("file", file);
    try {
      const response = await fetch(`/api/imports/${kind}`, { method: "POST", body: form });
      if (!response.ok || !response.body) {
        const refusal = ((await response.json().catch(() => null)) as { error?: string } | null)?.error;
        throw new Error(refusal ? (refusal.startsWith("errors.") ? t(refusal as Parameters<typeof t>[0]) : refusal) : t("errors.INTERNAL_SERVER_ERROR"));
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as { type: string; done?: number; total?: number; message?: string } & Result;
          if (message.type === "progress") setProgress({ done: message.done ?? 0, total: message.total ?? 0 });
          else if (message.type === "error") setError(message.message ?? "");
          else setResult(message);
        }
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  function printSheet(r: Result) {
    const w = window.open("", "_blank");
    if (!w || !r.activations) return;
    const head = [t("imports.col.studentNumber"), t("imports.col.name"), t("imports.col.className"), t("exports.col.specialty"), t("imports.account"), t("imports.code")];
    const rows = r.activations.map((a) => `<tr>${[a.studentNumber, a.name, a.className, a.specialtyName, a.account, a.code].map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
    const lead = t("imports.sheetLead", { url: `${location.origin}/account/reset`, date: r.expiresAt ? f.date(new Date(r.expiresAt)) : "" });
    w.document.write(
      `<!doctype html><meta charset="utf-8"><title>${escapeHtml(t("imports.sheetTitle"))}</title><style>body{font-family:sans-serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;font-size:12px}td:last-child{font-family:monospace;font-size:14px}tr{page-break-inside:avoid}</style><h1>${escapeHtml(t("imports.sheetTitle"))}</h1><p>${escapeHtml(lead)}</p><table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>`,
    );
    w.document.close();
    w.print();
  }

  function downloadSheet(r: Result) {
    if (!r.sheet) return;
    const bytes = Uint8Array.from(atob(r.sheet), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "activation-codes.xlsx";
    a.click();
    URL.revokeObjectURL(url);
  }

  const clean = result && !result.committed && result.problems.length === 0;
  return (
    <div className="space-y-4">
      <div className="card flex flex-wrap items-center gap-3">
        <a className="btn-secondary" href={`/api/imports/${kind}/template?organisationId=${organisationId}`} data-testid="import-template">
          {t("imports.template")}
        </a>
        <label className="flex items-center gap-2">
          <span>{t("imports.file")}</span>
          <input
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
        </label>
        <button type="button" className="btn-secondary" disabled={busy || !file} onClick={() => void send("check")} data-testid="import-check">
          {t("imports.check")}
        </button>
        <button type="button" className="btn-primary" disabled={busy || !clean} onClick={() => void send("commit")} data-testid="import-commit">
          {t("imports.commit")}
        </button>
      </div>
      {progress && (
        <div className="space-y-1" aria-live="polite">
          <progress className="w-full" max={progress.total || 1} value={progress.done} />
          {progress.total > 0 && <p className="text-sm text-slate-600">{t("imports.progress", { done: f.number(progress.done), total: f.number(progress.total) })}</p>}
        </div>
      )}
      {error && (
        <p className="card border-red-300 text-red-800" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {result && result.problems.length > 0 && (
        <section className="space-y-2" data-testid="import-problems">
          <p role="alert">{t("imports.rowErrors", { n: f.number(result.problems.length) })}</p>
          <table className="card w-full text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col">{t("imports.row", { line: "" }).trim()}</th>
                <th scope="col">{t("imports.column")}</th>
                <th scope="col">{t("imports.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td>{t("imports.row", { line: p.line })}</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {clean && (
        <p className="card" data-testid="import-ok">
          {kind === "roster"
            ? t("imports.rowsOk", { total: f.number(result.total), create: f.number(result.create ?? 0), unchanged: f.number(result.unchanged ?? 0) })
            : t("imports.postingRowsOk", { total: f.number(result.total) })}
        </p>
      )}
      {result?.committed && kind === "postings" && (
        <p className="card" data-testid="import-done">
          {t("imports.postingsDone", { created: f.number(result.postingIds?.length ?? 0) })} <Link href={`/organisations/${organisationId}/postings`}>{t("imports.toPostings")}</Link>
        </p>
      )}
      {result?.committed && kind === "roster" && (
        <section className="space-y-2" data-testid="import-done">
          <p className="card">{t("imports.done", { created: f.number(result.create ?? 0), unchanged: f.number(result.unchanged ?? 0) })}</p>
          {(result.activations?.length ?? 0) > 0 && (
            <>
              <p className="text-sm text-slate-700">{t("imports.sheetLead", { url: "/account/reset", date: result.expiresAt ? f.date(new Date(result.expiresAt)) : "" })}</p>
              <div className="flex gap-2">
                <button type="button" className="btn-primary" onClick={() => printSheet(result)}>
                  {t("imports.print")}
                </button>
                <button type="button" className="btn-secondary" onClick={() => downloadSheet(result)}>
                  {t("imports.downloadSheet")}
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
