import type { Translate } from "@/server/i18n/messages";

export function NotAllowed({ t }: { t: Translate }) {
  return (
    <div className="card mx-auto max-w-lg text-center" role="alert" data-testid="not-allowed">
      <h1 className="text-lg font-semibold">{t("common.notAllowed")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("errors.FORBIDDEN")}</p>
    </div>
  );
}
