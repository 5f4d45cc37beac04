import { redirect } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";

/** The header's "placements" link: the placements of the caller's (first) organisation. */
export default async function MyPlacementsPage() {
  await requireUser("/my/placements");
  const me = await (await serverCaller()).accounts.me();
  const first = me.memberships[0];
  if (!first) return <NotAllowed t={await getTranslator()} />;
  redirect(`/organisations/${first.organisationId}/placements`);
}
