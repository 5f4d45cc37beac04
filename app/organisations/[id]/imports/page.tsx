import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslator, requireUser, serverCaller } from "@/server/request";
import { NotAllowed } from "../../../_components/not-allowed";
import { orNull } from "../../../_trpc/errors";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "批量导入", robots: { index: false } };

/** A school imports its student roster; an enterprise imports placement internships as drafts. */
export default async function ImportsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/organisations/${id}/imports`);
  const t = await getTranslator();
  const org = (await orNull((await serverCaller()).organisations.get({ organisationId: id }))) ?? notFound();
  if (!org.canEdit) return <NotAllowed t={t} />;
  const kind = org.kind === "school" ? "roster" : "postings";
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold print:hidden">
        {t(kind === "roster" ? "imports.rosterTitle" : "imports.postingsTitle")} · {org.name}
      </h1>
      <p className="text-sm text-slate-700 print:hidden">{t(kind === "roster" ? "imports.rosterLead" : "imports.postingsLead")}</p>
      <ImportForm organisationId={id} kind={kind} />
    </div>
  );
}
