import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { WebhooksEditor } from "../../../_components/webhooks/webhooks-editor";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "Webhook 推送", robots: { index: false } };

/** An organisation's webhook endpoints and their recent deliveries: its owners only (the procedures check it too). */
export default async function WebhooksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/webhooks`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit) return <NotAllowed t={t} />;
  // Staff members edit the organisation but do not manage its webhooks: the procedures answer FORBIDDEN.
  const loaded = await Promise.all([caller.webhooks.list({ organisationId: id }), caller.webhooks.deliveries({ organisationId: id })]).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (!loaded) return <NotAllowed t={t} />;
  const [endpoints, deliveries] = loaded;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("webhooks.title")} · {org.name}
      </h1>
      <p className="text-sm text-slate-700">{t("webhooks.intro")}</p>
      <WebhooksEditor scope={{ kind: "organisation", organisationId: id }} endpoints={endpoints} deliveries={deliveries} />
    </div>
  );
}
