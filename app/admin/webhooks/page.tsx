import type { Metadata } from "next";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { WebhooksEditor } from "../../_components/webhooks/webhooks-editor";

export const metadata: Metadata = { title: "主管部门 Webhook 推送", robots: { index: false } };

/** Education authorities' webhook endpoints (each scoped to a province or city) and their deliveries. */
export default async function AdminWebhooksPage() {
  const user = await requireUser("/admin/webhooks");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const caller = await serverCaller();
  const [endpoints, deliveries] = await Promise.all([caller.webhooks.authorities(), caller.webhooks.authorityDeliveries({})]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("webhooks.authorityTitle")}</h1>
      <p className="text-sm text-slate-700">{t("webhooks.intro")}</p>
      <p className="text-sm text-slate-700">{t("webhooks.authorityIntro")}</p>
      <WebhooksEditor scope={{ kind: "authority" }} endpoints={endpoints} deliveries={deliveries} />
    </div>
  );
}
