import type { MessageKey, Translate } from "@/server/i18n/messages";

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The label of a changed field: the form's own label ("details.monthlyPay" → field.monthlyPay), else org.*, else its name. */
function labelOf(field: string, t: Translate) {
  const name = field.split(".").pop() ?? field;
  // t gives an unknown key back unchanged (on the client it holds one language only, not the key list).
  for (const key of [`field.${name}`, `org.${name}`]) if (t(key as MessageKey) !== key) return t(key as MessageKey);
  return name;
}

function show(value: unknown, t: Translate) {
  if (value === null || value === undefined || value === "") return t("review.empty");
  if (typeof value === "boolean") return t(value ? "review.yes" : "review.no");
  if (Array.isArray(value)) return value.length ? value.join("、") : t("review.empty");
  if (typeof value === "string" || typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** What a held change would change, field by field: the approved (published or verified) value and the proposed one. */
export function ChangeDiff({ changes, t, caption }: { changes: Change[]; t: Translate; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="table-cards w-full text-left text-sm" data-testid="change-diff">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-2 py-1">{t("review.field")}</th>
            <th scope="col" className="px-2 py-1">{t("review.before")}</th>
            <th scope="col" className="px-2 py-1">{t("review.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className="border-b border-slate-100 align-top">
              <th scope="row" className="px-2 py-1 font-medium">{labelOf(c.field, t)}</th>
              <td data-label={t("review.before")} className="whitespace-pre-wrap break-words px-2 py-1 text-slate-600 line-through decoration-red-400">{show(c.before, t)}</td>
              <td data-label={t("review.after")} className="whitespace-pre-wrap break-words px-2 py-1 text-slate-900">{show(c.after, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
