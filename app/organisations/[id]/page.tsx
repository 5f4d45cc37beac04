import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";
import { ProposeForm } from "../../_components/cooperation/propose-form";
import { StatusBadge } from "../../_components/status-badge";
import { orNull } from "../../_trpc/errors";
import { ContactHidden } from "../../_components/contact-hidden";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const org = await loadOrganisation((await params).id);
  return { title: org?.name ?? "机构" };
}

async function loadOrganisation(id: string) {
  return orNull((await serverCaller()).organisations.get({ organisationId: id }));
}

/** For staff of a verified organisation of the other kind: propose cooperation to this one. */
async function Propose({ organisationId, kind, name, verified }: { organisationId: string; kind: "school" | "enterprise"; name: string; verified: boolean }) {
  const { user } = await getRequestContext();
  if (!user || !verified || (user.role !== "school" && user.role !== "enterprise")) return null;
  const me = await (await serverCaller()).accounts.me();
  const from = me.memberships.find((m) => m.kind !== kind && m.verificationStatus === "verified");
  if (!from) return null;
  return <ProposeForm fromOrganisationId={from.organisationId} toOrganisationId={organisationId} toName={name} />;
}

/** An organisation's public profile (members and administrators also see it before verification). */
export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const org = await loadOrganisation((await params).id);
  if (!org) notFound();
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const rows: [string, string | null | undefined][] =
    org.kind === "enterprise"
      ? [
          [t("org.uscc"), org.uscc],
          [t("org.industry"), org.industryName ? t("common.withCode", { name: org.industryName, code: org.industryCode ?? "" }) : null],
          [t("org.staffCount"), org.staffCount ? f.number(org.staffCount) : null],
          [t("org.integrationCertified"), org.integrationCertified ? t("common.yes") : t("common.no")],
        ]
      : [
          [t("org.schoolCode"), org.schoolCode],
          [t("org.schoolLevel"), org.schoolLevel ? t(`level.${org.schoolLevel}`) : null],
        ];
  rows.push(
    [t("org.region"), org.regionName],
    [t("org.address"), org.address],
    // Left out of the answer for visitors and unverified organisations (server/security/redaction.ts).
    ...(org.contactVisible
      ? ([
          [t("org.contactName"), org.contactName],
          [t("org.contactPhone"), org.contactPhone],
        ] as [string, string][])
      : []),
    [t("org.website"), org.website],
  );
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{org.name}</h1>
        <span className="badge bg-slate-100 text-slate-800">{t(`role.${org.kind}`)}</span>
        <StatusBadge status={org.verificationStatus} t={t} />
        {org.canEdit && (
          <Link href={`/organisations/${org.id}/edit`} className="btn-primary ml-auto">
            {t("org.edit")}
          </Link>
        )}
      </header>
      {org.verificationStatus === "rejected" && org.canEdit && <p className="text-sm text-red-800">{t("org.rejectedNotice", { reason: org.rejectionReason ?? "" })}</p>}
      {org.description && <p className="card whitespace-pre-line leading-relaxed">{org.description}</p>}
      <Propose organisationId={org.id} kind={org.kind} name={org.name} verified={org.verificationStatus === "verified"} />
      <dl className="card grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        {rows
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-sm text-slate-600">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        {!org.contactVisible && (
          <div className="contents">
            <dt className="text-sm text-slate-600">{t("org.contactName")}</dt>
            <dd>
              <ContactHidden returnTo={`/organisations/${org.id}`} />
            </dd>
          </div>
        )}
      </dl>
      {org.kind === "school" && (
        <section className="card space-y-3" aria-labelledby="specialties-heading">
          <h2 id="specialties-heading" className="text-lg font-semibold">
            {t("org.specialties")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {org.specialties.map((s) => (
              <li key={s.code} className="badge bg-brand-50 px-3 py-1 text-sm text-brand-800">
                {s.name} <span className="ml-1 font-mono text-xs text-slate-600">{s.code}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
