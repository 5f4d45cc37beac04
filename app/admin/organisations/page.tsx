import type { Metadata } from "next";
import { organisationKinds, verificationStatuses, type OrganisationKind, type VerificationStatus } from "@/db/schema-enums";
import { getTranslator, requireUser } from "@/server/request";
import { NotAllowed } from "../../_components/not-allowed";
import { OrganisationChangeQueue } from "./change-queue";
import { ReviewList } from "./review-list";

export const metadata: Metadata = { title: "机构审核" };

export default async function AdminOrganisationsPage({ searchParams }: { searchParams: Promise<{ status?: string; kind?: string; q?: string }> }) {
  const user = await requireUser("/admin/organisations");
  const t = await getTranslator();
  if (user.role !== "admin") return <NotAllowed t={t} />;
  const params = await searchParams;
  const status = verificationStatuses.includes(params.status as VerificationStatus) ? (params.status as VerificationStatus) : undefined;
  const kind = organisationKinds.includes(params.kind as OrganisationKind) ? (params.kind as OrganisationKind) : undefined;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <OrganisationChangeQueue />
      <ReviewList status={status} kind={kind} query={params.q ?? ""} />
    </div>
  );
}
