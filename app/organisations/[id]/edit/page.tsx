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
  // A verified organisation's held change of its verified facts: the form continues from the values awaiting review.
  const change = org.verificationStatus === "verified" ? await caller.organisations.change({ organisationId: id }) : null;
  const held = change?.status === "pending" ? change.values : {};
  const profile = {
    organisationId: org.id,
    name: typeof held.name === "string" ? held.name : org.name,
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
      {org.verificationStatus === "verified" && <p className="text-sm text-slate-700">{t("org.changeHeldNote")}</p>}
      {change?.status === "pending" && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="change-pending">
          {t("org.changePending")}
        </p>
      )}
      {change?.status === "rejected" && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t("org.changeRejected", { reason: change.reason ?? "" })}</p>}
      <OrganisationForm
        initial={
          org.kind === "school"
            ? { ...profile, kind: "school", schoolLevel: org.schoolLevel ?? "higher_vocational", specialtyCodes: org.specialties.map((s) => s.code) }
            : {
                ...profile,
                kind: "enterprise",
                industryCode: typeof held.industryCode === "string" ? held.industryCode : (org.industryCode ?? ""),
                staffCount: typeof held.staffCount === "number" ? held.staffCount : (org.staffCount ?? 1),
                integrationCertified: typeof held.integrationCertified === "boolean" ? held.integrationCertified : org.integrationCertified,
              }
        }
      />
    </div>
  );
}
