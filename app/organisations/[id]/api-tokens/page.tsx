import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { TokenManager } from "../../../_components/api-tokens/token-manager";
import { NotAllowed } from "../../../_components/not-allowed";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "开放接口令牌", robots: { index: false } };

/** An organisation's API tokens (issue 19): its owners make, see and revoke them. */
export default async function ApiTokensPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/api-tokens`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  let tokens;
  try {
    tokens = await caller.apiTokens.list({ organisationId: id });
  } catch (error) {
    // Staff members and outsiders: only owners hand out access to the organisation's data.
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <NotAllowed t={t} />;
    throw error;
  }
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("apiTokens.title")} · {org.name}
      </h1>
      <p className="text-sm text-slate-700">
        {t("apiTokens.lead")}{" "}
        <Link href="/api/docs" className="underline" prefetch={false}>
          {t("apiTokens.docs")}
        </Link>
      </p>
      <TokenManager target={{ kind: "organisation", organisationId: id }} tokens={tokens} />
    </div>
  );
}
