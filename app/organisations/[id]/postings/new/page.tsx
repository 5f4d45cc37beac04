import { yearInChina } from "@/server/schemas/accounts";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { postingKinds } from "@/db/schema-enums";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import type { PostingInput } from "@/server/schemas/postings";
import { NotAllowed } from "../../../../_components/not-allowed";
import { defaultDetails } from "../../../../_components/postings/fields";
import { PostingForm } from "../../../../_components/postings/posting-form";

export const metadata: Metadata = { title: "发布新信息" };

export default async function NewPostingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ kind?: string }> }) {
  const { id } = await params;
  const { kind } = await searchParams;
  await requireUser(`/organisations/${id}/postings/new${kind ? `?kind=${kind}` : ""}`);
  const t = await getTranslator();
  const caller = await serverCaller();
  const context = await caller.postings.formContext({ organisationId: id }).catch(() => null);
  if (!context) return <NotAllowed t={t} />;
  const chosen = postingKinds.find((k) => k === kind);
  if (!chosen || !context.kinds.includes(chosen)) notFound();
  const year = yearInChina();
  const initial = {
    kind: chosen,
    title: "",
    description: "",
    regionCode: context.defaults.regionCode,
    address: context.defaults.address,
    industryCode: context.defaults.industryCode,
    specialtyCodes: [],
    quantity: "",
    startDate: "",
    endDate: "",
    applyBy: "",
    contactName: context.defaults.contactName,
    contactPhone: context.defaults.contactPhone,
    details: defaultDetails(chosen, year),
  } as unknown as PostingInput;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">
        {t("posting.new")} · {t(`kind.${chosen}`)}
      </h1>
      <PostingForm organisationId={id} initial={initial} host={context.host} verified={context.verified} industryBySpecialty={context.industryBySpecialty} />
    </div>
  );
}
