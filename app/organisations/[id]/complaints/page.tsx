import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { complaintStatuses } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ComplaintList } from "../../../_components/complaints/complaint-list";
import { FilterForm, SelectFilter } from "../../../_components/filters";
import { NotAllowed } from "../../../_components/not-allowed";
import { orNull } from "../../../_trpc/errors";

export const metadata: Metadata = { title: "学生实习投诉", robots: { index: false } };

/** A school's staff read and answer the complaints of their own students (never another school's). */
export default async function SchoolComplaintsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ status?: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/complaints`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const org = (await orNull(caller.organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit || org.kind !== "school") return <NotAllowed t={t} />;
  const { status } = await searchParams;
  const chosen = complaintStatuses.find((s) => s === status);
  const items = await caller.complaints.forSchool({ organisationId: id, status: chosen });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">
        {t("complaint.schoolTitle")} · {org.name}
      </h1>
      <FilterForm submitLabel={t("report.filter")}>
        <SelectFilter name="status" label={t("complaint.statusFilter")} emptyLabel={t("complaint.all")} value={chosen} options={complaintStatuses.map((s) => ({ value: s, label: t(`complaint.status.${s}`) }))} />
      </FilterForm>
      <ComplaintList items={items} viewer="school" t={t} f={f} showPlacement />
    </div>
  );
}
