import Link from "next/link";
import type { Translate } from "@/server/i18n/messages";

/** A refused page that says why and offers the ways on: the user's own home, or another account. */
export function NotAllowed({ t }: { t: Translate }) {
  return (
    <div className="card mx-auto max-w-lg space-y-3 text-center" role="alert" data-testid="not-allowed">
      <h1 className="text-lg font-semibold">{t("common.notAllowed")}</h1>
      <p className="text-sm text-slate-700">{t("common.notAllowedWhy")}</p>
      <p className="flex flex-wrap justify-center gap-2">
        <Link className="btn-primary" href="/home">
          {t("common.goHome")}
        </Link>
        <Link className="btn-secondary" href="/sign-in">
          {t("common.switchAccount")}
        </Link>
      </p>
    </div>
  );
}
