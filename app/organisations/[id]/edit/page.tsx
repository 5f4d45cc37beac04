import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { orNull } from "../../../_trpc/errors";
import { OrganisationForm } from "./organisation-form";

export const metadata: Metadata = { title: "编辑机构资料" };

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/edit`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  // The page only mirrors the server's rule; organisations.update checks membership itself.
  if (!org.canEdit) return <NotAllowed t={t} />;
  const profile = {
    organisationId: org.id,
    name: org.name,
    regionCode: org.regionCode,
    address: org.address,
    description: org.description,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    website: org.website,
    verificationEvidence: org.verificationEvidence,
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">
        {t("org.edit")} · {org.name}
      </h1>
      <OrganisationForm
        initial={
          org.kind === "school"
            ? { ...profile, kind: "school", schoolLevel: org.schoolLevel ?? "higher_vocational", specialtyCodes: org.specialties.map((s) => s.code) }
            : { ...profile, kind: "enterprise", industryCode: org.industryCode ?? "", staffCount: org.staffCount ?? 1, integrationCertified: org.integrationCertified }
        }
      />
    </div>
  );
}
