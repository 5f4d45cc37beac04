import type { Metadata } from "next";
import Link from "next/link";
import type { MembershipRole } from "@/db/schema-enums";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { ApplicationStatusBadge } from "../_components/placements/status";
import { PostingCard } from "../_components/postings/posting-card";
import { StatusBadge } from "../_components/status-badge";
import { InvitationManager } from "./invitation-manager";
import { SchoolStudents } from "./school-students";

export const metadata: Metadata = { title: "我的首页" };

export default async function HomePage() {
  const user = await requireUser("/home");
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();

  if (user.role === "admin") {
    const stats = await caller.organisations.adminStats();
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("home.admin")}</h1>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(
            [
              ["home.pendingOrganisations", stats.pending],
              ["home.organisations", stats.organisations],
              ["home.students", stats.students],
              ["home.users", stats.users],
            ] as const
          ).map(([label, n]) => (
            <div key={label} className="card">
              <dt className="text-sm text-slate-600">{t(label)}</dt>
              <dd className="text-2xl font-bold text-brand-800">{f.number(n)}</dd>
            </div>
          ))}
        </dl>
        <Link href="/admin/organisations?status=pending" className="btn-primary">
          {t("home.reviewNow")}
        </Link>
      </div>
    );
  }

  if (user.role === "student") {
    const profile = await caller.students.me();
    const recommended = await caller.match.forStudent({ limit: 5 });
    const applications = await caller.applications.mine();
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("home.welcome", { name: user.name })}</h1>
        <section className="card space-y-2" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="text-lg font-semibold">
            {t("student.profile")}
          </h2>
          <p>
            {profile.schoolName} · {profile.specialtyName} · {t("student.year", { year: profile.enrolmentYear })}
          </p>
          <Link href="/profile" className="btn-secondary">
            {t("common.view")}
          </Link>
        </section>
        <section className="card space-y-2" aria-labelledby="applications-heading">
          <h2 id="applications-heading" className="text-lg font-semibold">
            {t("application.mine")}
          </h2>
          {applications.length === 0 ? (
            <p className="text-slate-700">{t("application.none")}</p>
          ) : (
            <ul className="space-y-1">
              {applications.slice(0, 5).map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2">
                  <ApplicationStatusBadge status={a.status} t={t} />
                  <Link href={a.placementId ? `/placements/${a.placementId}` : `/postings/${a.postingId}`}>{a.postingTitle}</Link>
                  <span className="text-sm text-slate-600">{a.hostName}</span>
                </li>
              ))}
            </ul>
          )}
          <Link href="/my/applications" className="btn-secondary">
            {t("common.view")}
          </Link>
        </section>
        <section className="space-y-3" aria-labelledby="recommended-heading">
          <h2 id="recommended-heading" className="text-lg font-semibold">
            {t("search.recommended")}
          </h2>
          {recommended.items.length === 0 && <p className="card text-slate-700">{t("search.recommendedNone")}</p>}
          <ul className="space-y-3">
            {recommended.items.map((p) => (
              <PostingCard key={p.id} p={p} t={t} f={f} />
            ))}
          </ul>
          <Link href="/search" className="btn-secondary">
            {t("nav.search")}
          </Link>
        </section>
      </div>
    );
  }

  // School and enterprise staff: their organisation(s).
  const me = await caller.accounts.me();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("home.welcome", { name: user.name })}</h1>
      {me.memberships.map((m) => (
        <OrganisationPanel key={m.organisationId} organisationId={m.organisationId} membershipRole={m.role} />
      ))}
    </div>
  );
}

/** A staff member's organisation: its status, figures and, for schools, invitations and students. */
async function OrganisationPanel({ organisationId, membershipRole }: { organisationId: string; membershipRole: MembershipRole }) {
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const org = await caller.organisations.get({ organisationId });
  const summary = await caller.organisations.summary({ organisationId });
  return (
          <div className="space-y-6">
            <section className="card space-y-3" aria-labelledby={`org-${org.id}`}>
              <div className="flex flex-wrap items-center gap-2">
                <h2 id={`org-${org.id}`} className="text-lg font-semibold">
                  {org.name}
                </h2>
                <StatusBadge status={org.verificationStatus} t={t} />
                <span className="text-sm text-slate-600">{t(`membership.${membershipRole}`)}</span>
              </div>
              {org.verificationStatus === "pending" && <p className="text-sm text-amber-900">{t("org.pendingNotice")}</p>}
              {org.verificationStatus === "rejected" && <p className="text-sm text-red-800">{t("org.rejectedNotice", { reason: org.rejectionReason ?? "" })}</p>}
              <p className="text-sm text-slate-700">
                {org.regionName}
                {org.industryName ? ` · ${org.industryName}` : ""}
                {org.schoolLevel ? ` · ${t(`level.${org.schoolLevel}`)}` : ""}
                {org.kind === "school" ? ` · ${t("home.students")} ${f.number(summary.students)}` : ""}
              </p>
              <div className="flex flex-wrap gap-2">
                <Link href={`/organisations/${org.id}`} className="btn-secondary">
                  {t("common.view")}
                </Link>
                <Link href={`/organisations/${org.id}/edit`} className="btn-secondary">
                  {t("org.edit")}
                </Link>
                <Link href={`/organisations/${org.id}/postings`} className="btn-primary">
                  {t("nav.postings")}
                </Link>
                <Link href={`/organisations/${org.id}/placements`} className="btn-primary">
                  {t("nav.placements")}
                </Link>
                <Link href={`/organisations/${org.id}/cooperation`} className="btn-secondary">
                  {t("nav.cooperation")}
                </Link>
                {org.kind === "enterprise" ? (
                  <Link href={`/organisations/${org.id}/posts`} className="btn-secondary">
                    {t("posts.nav")}
                  </Link>
                ) : (
                  <Link href={`/organisations/${org.id}/complaints`} className="btn-secondary">
                    {t("complaint.schoolTitle")}
                  </Link>
                )}
                <Link href={`/organisations/${org.id}/reports`} className="btn-secondary">
                  {org.kind === "school" ? t("report.schoolOutcomes") : t("report.enterpriseParticipation")}
                </Link>
                <Link href={`/organisations/${org.id}/imports`} className="btn-secondary">
                  {org.kind === "school" ? t("imports.link") : t("imports.postingsLink")}
                </Link>
                {membershipRole === "owner" && (
                  <>
                    <Link href={`/organisations/${org.id}/api-tokens`} className="btn-secondary">
                      {t("apiTokens.title")}
                    </Link>
                    <Link href={`/organisations/${org.id}/webhooks`} className="btn-secondary">
                      {t("webhooks.title")}
                    </Link>
                  </>
                )}
              </div>
            </section>
            {org.kind === "school" && (
              <>
                <InvitationManager organisationId={org.id} />
                <SchoolStudents organisationId={org.id} />
              </>
            )}
          </div>
  );
}
