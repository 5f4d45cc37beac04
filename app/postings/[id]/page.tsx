import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import type { CooperationKind, PostingKind } from "@/db/schema-enums";
import { studentFacingKinds } from "@/server/compliance/posting";
import { getLocale, getRequestContext, getTranslator, serverCaller } from "@/server/request";
import { detailFields, labelOf } from "../../_components/postings/fields";
import { detailValue } from "../../_components/postings/detail-value";
import { weeklyHoursOf } from "@/server/compliance/working-time";
import { MatchChips } from "../../_components/postings/match-chips";
import { PostingCard } from "../../_components/postings/posting-card";
import { PostingStatusBadge } from "../../_components/postings/status";
import { orNull } from "../../_trpc/errors";
import { ContactHidden } from "../../_components/contact-hidden";
import { ApplyPanel, ProposeForm, ReportPosting, ReviewActions } from "./islands";
import { recordPostingPageView } from "@/server/funnel/page-view";
import { PostingFunnel } from "../../_components/funnel/posting-funnel";

async function load(id: string) {
  return orNull((await serverCaller()).postings.get({ postingId: id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const posting = await load((await params).id);
  return posting ? { title: posting.title, description: posting.description.slice(0, 120) } : { title: "未找到" };
}

/** The public page of a posting: a stable URL, readable without signing in, rendered on the server. */
export default async function PostingPage({ params }: { params: Promise<{ id: string }> }) {
  const posting = await load((await params).id);
  if (!posting) notFound();
  await recordPostingPageView(posting);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const day = (d: string) => f.date(`${d}T12:00:00+08:00`);
  const facts: [string, string][] = [
    [t("posting.region"), `${posting.regionName} · ${posting.address}`],
    [t("field.industryCode"), t("common.withCode", { name: posting.industryName, code: posting.industryCode })],
    [t("posting.period"), `${day(posting.startDate)} – ${day(posting.endDate)}`],
    [t("posting.applyByDate"), day(posting.applyBy)],
    [t("posting.seats"), f.number(posting.quantity)],
  ];
  const d = posting.details;
  // Working time as a whole (weekly hours derived, never typed) and the exception filing, shown to students and schools.
  if (posting.kind === "placement_internship" && typeof d.dailyHours === "number" && typeof d.weeklyDays === "number") {
    facts.push([t("posting.workingTime"), t("posting.workingTimeValue", { daily: f.number(d.dailyHours), days: f.number(d.weeklyDays), weekly: f.number(weeklyHoursOf(d.dailyHours, d.weeklyDays)) })]);
  }
  const filing = d.exceptionFiled === true && typeof d.exceptionReference === "string" && d.exceptionReference ? t("posting.filing", { reference: d.exceptionReference, date: typeof d.exceptionFiledOn === "string" && d.exceptionFiledOn ? day(d.exceptionFiledOn) : "—" }) : null;
  const details = detailFields[posting.kind]
    .map((field) => [t(labelOf(field.name)), detailValue(field, posting.details[field.name], t, f), field.type] as const)
    .filter(([, v]) => v !== null);
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="badge bg-brand-50 text-brand-800">{t(`kind.${posting.kind}`)}</span>
          <PostingStatusBadge status={posting.displayStatus} t={t} />
        </div>
        <h1 className="text-2xl font-bold">{posting.title}</h1>
        <p className="text-slate-700">
          {t("common.label", { label: t("posting.publisher") })}<Link href={`/organisations/${posting.organisationId}`}>{posting.organisationName}</Link>
          {posting.publishedAt && <span className="ml-2 text-sm text-slate-600">{t("posting.publishedOn", { date: f.date(posting.publishedAt) })}</span>}
        </p>
        {posting.monthlyPay !== null && <p className="text-xl font-semibold text-brand-800">{t("common.perMonth", { amount: f.money(posting.monthlyPay) })}</p>}
        {posting.viewerIsAdmin && posting.status === "submitted" && <ReviewActions postingId={posting.id} title={posting.title} />}
        {posting.canEdit && (
          <div className="flex flex-wrap gap-2">
            <Link href={`/organisations/${posting.organisationId}/postings/${posting.id}/edit`} className="btn-primary">
              {t("posting.edit")}
            </Link>
            {studentFacingKinds.includes(posting.kind) && posting.organisationKind === "enterprise" && (
              <Link href={`/organisations/${posting.organisationId}/postings/${posting.id}/applicants`} className="btn-secondary">
                {t("applicants.link")}
              </Link>
            )}
          </div>
        )}
      </header>
      <dl className="card grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="contents">
          <dt className="text-sm text-slate-600">{t("posting.specialties")}</dt>
          <dd className="flex flex-wrap gap-1">
            {posting.specialties.map((s) => (
              <span key={s.code} className="badge bg-slate-100 text-slate-800">
                {s.name}
              </span>
            ))}
          </dd>
        </div>
      </dl>
      {filing && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="posting-filing">
          {filing}
        </p>
      )}
      {d.forbiddenForMinors === true && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("posting.minorForbidden")}</p>}
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("field.description")}</h2>
        <p className="whitespace-pre-line leading-relaxed" data-testid="posting-description">
          {posting.description}
        </p>
      </section>
      {details.length > 0 && (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("posting.sectionDetails")}</h2>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            {details.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="whitespace-pre-line">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {posting.status === "published" && posting.organisationKind === "enterprise" && studentFacingKinds.includes(posting.kind) && <Apply postingId={posting.id} />}
      {posting.status === "published" && !posting.canEdit && <RespondWithProposal postingId={posting.id} organisationId={posting.organisationId} organisationName={posting.organisationName} organisationKind={posting.organisationKind} kind={posting.kind} title={posting.title} />}
      {posting.canEdit && posting.status === "published" && <Counterparts organisationId={posting.organisationId} postingId={posting.id} />}
      {(posting.canEdit || posting.viewerIsAdmin) && <PostingFunnel postingId={posting.id} />}
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("posting.contact")}</h2>
        <p>
          {posting.contactVisible ? (
            <>
              {posting.contactName} · <a href={`tel:${posting.contactPhone}`}>{posting.contactPhone}</a>
            </>
          ) : (
            <ContactHidden returnTo={`/postings/${posting.id}`} />
          )}
        </p>
      </section>
      {posting.status === "published" && !posting.canEdit && <ReportPosting postingId={posting.id} />}
    </article>
  );
}

/** For students: the application form, or why they cannot apply; for visitors, a prompt to sign in. */
async function Apply({ postingId }: { postingId: string }) {
  const { user, locale } = await getRequestContext();
  const t = await getTranslator();
  if (!user) {
    return (
      <p className="card">
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/postings/${postingId}`)}`}>{t("application.signInToApply")}</Link>
      </p>
    );
  }
  if (user.role !== "student") return null;
  const eligibility = await (await serverCaller()).applications.eligibility({ postingId });
  if (!eligibility.applicable) return null;
  return <ApplyPanel postingId={postingId} violations={eligibility.violations.map((v) => (locale === "en" ? v.en : v.zh))} seatsLeft={eligibility.seatsLeft ?? 0} />;
}

/** Cooperation kinds a posting invites, for "respond with a proposal" (a school answering an order-class offer…). */
const proposalKindOf: Partial<Record<PostingKind, CooperationKind>> = {
  order_class: "order_class",
  apprenticeship: "apprenticeship",
  enterprise_training_base: "training_base",
  school_training_base: "training_base",
  technical_need: "technical_project",
  mentor_offer: "part_time_teaching",
  training_service: "technical_project",
  programme_cohort: "order_class",
};

async function RespondWithProposal(props: { postingId: string; organisationId: string; organisationName: string; organisationKind: "school" | "enterprise"; kind: PostingKind; title: string }) {
  const { user } = await getRequestContext();
  const proposalKind = proposalKindOf[props.kind];
  if (!user || !proposalKind || (user.role !== "school" && user.role !== "enterprise")) return null;
  const me = await (await serverCaller()).accounts.me();
  const from = me.memberships.find((m) => m.kind !== props.organisationKind && m.verificationStatus === "verified");
  if (!from) return null;
  return <ProposeForm fromOrganisationId={from.organisationId} toOrganisationId={props.organisationId} toName={props.organisationName} postingId={props.postingId} defaultKind={proposalKind} defaultTitle={props.title.slice(0, 80)} />;
}

/** For the owner: the counterparts that fit this posting (school cohorts and visible students, or enterprise postings). */
async function Counterparts({ organisationId, postingId }: { organisationId: string; postingId: string }) {
  const t = await getTranslator();
  const f = formatters(await getLocale());
  // An organisation that is not (or no longer) verified gets no matches (FORBIDDEN): the section is left out.
  const match = await (await serverCaller()).match.forPosting({ organisationId, postingId }).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (!match) return null;
  const enterprise = match.students.length > 0 || match.postings.some((p) => p.kind === "programme_cohort");
  return (
    <section className="space-y-3" aria-labelledby="counterparts-heading">
      <h2 id="counterparts-heading" className="text-lg font-semibold">
        {enterprise ? t("search.matchingCounterparts") : t("search.matchingEnterprises")}
      </h2>
      <ul className="space-y-3">
        {match.postings.map((p) => (
          <PostingCard key={p.id} p={p} t={t} f={f} />
        ))}
      </ul>
      {match.students.length > 0 && (
        <>
          <h3 className="font-semibold">{t("search.visibleStudents")}</h3>
          <ul className="space-y-2">
            {match.students.map((s) => (
              <li key={s.userId} className="card space-y-1" data-testid="matching-student">
                <p>
                  {s.displayName} · {s.schoolName} · {s.specialtyName} · {t("student.year", { year: s.enrolmentYear })}
                </p>
                <MatchChips explanation={s.explanation} t={t} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
