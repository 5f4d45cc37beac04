import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Db } from "../../db/create";
import { translate, type Locale } from "../i18n/messages";
import { toXlsx } from "../reports/export";
import type { ReportTable } from "../reports/tables";
import { todayInChina } from "../schemas/accounts";
import { importMode } from "../schemas/imports";
import { MessageError, type SessionUser } from "../trpc";
import { importPostings } from "./postings";
import { importRoster, type RosterActivation } from "./roster";
import { ImportFileError } from "./sheet";

export const importKinds = ["roster", "postings"] as const;
export type ImportKind = (typeof importKinds)[number];

/** The activation sheet as a table: the printable page shows it and the XLSX download is made from it. */
export function activationTable(activations: RosterActivation[], expiresAt: Date, locale: Locale): ReportTable {
  const t = (key: string) => translate(locale, key);
  return {
    id: "activation",
    title: `${t("imports.sheetTitle")} ${todayInChina(expiresAt)}`,
    columns: [
      { key: "studentNumber", header: t("imports.col.studentNumber") },
      { key: "name", header: t("imports.col.name") },
      { key: "className", header: t("imports.col.className") },
      { key: "specialtyName", header: t("exports.col.specialty") },
      { key: "account", header: t("imports.account") },
      { key: "code", header: t("imports.code") },
    ],
    rows: activations.map((a) => ({ studentNumber: a.studentNumber, name: a.name, className: a.className, specialtyName: a.specialtyName, account: a.account, code: a.code })),
  };
}

/**
 * An upload as the import route answers it: newline-delimited JSON, `{"type":"progress","done","total"}` lines
 * while the file is checked and written, then one `{"type":"result",…}` or `{"type":"error","message"}` line.
 * A committed roster's result carries the activation sheet as XLSX (base64): the codes exist only in this answer.
 */
export function importResponse(db: Db, user: SessionUser | null, kind: ImportKind, form: FormData, locale: Locale): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (value: object) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.UNAUTHORIZED" });
        const file = form.get("file");
        if (!(file instanceof Blob) || file.size === 0) throw new ImportFileError("imports.error.noFile");
        const args = {
          organisationId: typeof form.get("organisationId") === "string" ? (form.get("organisationId") as string) : "",
          bytes: new Uint8Array(await file.arrayBuffer()),
          commit: importMode.catch("check").parse(form.get("mode")) === "commit",
          locale,
          onProgress: (done: number, total: number) => send({ type: "progress", done, total }),
        };
        if (kind === "postings") send({ type: "result", ...(await importPostings(db, user, args)) });
        else {
          const result = await importRoster(db, user, args);
          const sheet = result.committed && result.expiresAt ? (await toXlsx([activationTable(result.activations, result.expiresAt, locale)])).toString("base64") : null;
          send({ type: "result", ...result, sheet });
        }
      } catch (error) {
        if (error instanceof ImportFileError) send({ type: "error", message: translate(locale, error.key, error.params) });
        else if (error instanceof MessageError) send({ type: "error", status: getHTTPStatusCodeFromError(error), message: translate(locale, error.key, error.params) });
        else if (error instanceof TRPCError) send({ type: "error", status: getHTTPStatusCodeFromError(error), message: translate(locale, error.message.startsWith("errors.") ? error.message : `errors.${error.code}`) });
        else {
          console.error(error);
          send({ type: "error", message: translate(locale, "errors.INTERNAL_SERVER_ERROR") });
        }
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
