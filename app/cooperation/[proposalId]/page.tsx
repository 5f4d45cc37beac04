import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatters } from "@/server/i18n/messages";
import { getLocale, getTranslator, requireUser, serverCaller } from "@/server/request";
import { orNull } from "../../_trpc/errors";
import { ProposalActions } from "./proposal-actions";

export const metadata: Metadata = { title: "合作洽谈", robots: { index: false } };

/** A proposal's thread, read as one of its two organisations (the reader's first organisation that is a party). */
export default async function ProposalPage({ params, searchParams }: { params: Promise<{ proposalId: string }>; searchParams: Promise<{ organisationId?: string }> }) {
  const { proposalId } = await params;
  await requireUser(`/cooperation/${proposalId}`);
  const t = await getTranslator();
  const f = formatters(await getLocale());
  const caller = await serverCaller();
  const { organisationId } = await searchParams;
  const me = await caller.accounts.me();
  // Act as the named organisation when the reader is its member, else as the first of theirs that is a party.
  const mine = me.memberships.map((m) => m.organisationId);
  const candidates = [...new Set([...(organisationId && mine.includes(organisationId) ? [organisationId] : []), ...mine])];
  let thread = null;
  let actingAs = "";
  for (const id of candidates) {
    thread = await orNull(caller.cooperation.thread({ organisationId: id, proposalId }));
    if (thread) {
      actingAs = id;
      break;
    }
  }
  if (!thread) notFound();
  const p = thread.proposal;
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          {t(`coop.kind.${p.kind}`)} · {t(`coop.status.${p.status}`)}
        </p>
        <h1 className="text-2xl font-bold">{p.title}</h1>
        <p>
          {p.fromName} → {p.toName}
        </p>
        {thread.posting && (
          <p>
            <Link href={`/postings/${thread.posting.id}`}>{t("coop.aboutPosting", { title: thread.posting.title })}</Link>
          </p>
        )}
      </header>
      <section className="space-y-2" aria-labelledby="thread-heading">
        <h2 id="thread-heading" className="text-lg font-semibold">
          {t("coop.thread")}
        </h2>
        <ul className="space-y-2">
          {thread.messages.map((m) => (
            <li key={m.id} className={`card space-y-1 ${m.organisationId === actingAs ? "border-brand-600" : ""}`} data-testid="proposal-message">
              <p className="text-sm text-slate-600">
                {m.organisationName} · {m.authorName ?? ""} · {f.dateTime(m.createdAt)}
              </p>
              <p className="whitespace-pre-line">{m.body}</p>
            </li>
          ))}
        </ul>
      </section>
      <ProposalActions organisationId={actingAs} proposalId={p.id} open={p.status === "open"} receiver={thread.viewerIsReceiver} />
      <Link href={`/organisations/${actingAs}/cooperation`} className="btn-secondary">
        {t("coop.ledger")}
      </Link>
    </article>
  );
}
