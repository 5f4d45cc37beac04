import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { TokenManager } from "../../_components/api-tokens/token-manager";
import { NotAllowed } from "../../_components/not-allowed";

export const metadata: Metadata = { title: "主管部门接口令牌" };

/** Authority tokens (issue 19): an administrator issues them to education authorities, one province or city each. */
export default async function AuthorityTokensPage() {
  const user = await requireUser("/admin/api-tokens");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const tokens = await (await serverCaller()).apiTokens.authorities();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("apiTokens.authorityTitle")}</h1>
      <p className="text-sm text-slate-700">
        {t("apiTokens.authorityLead")}{" "}
        <Link href="/api/docs" className="underline" prefetch={false}>
          {t("apiTokens.docs")}
        </Link>
      </p>
      <TokenManager target={{ kind: "authority" }} tokens={tokens} />
    </div>
  );
}
