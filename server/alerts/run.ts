import { and, asc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/create";
import { savedSearches, savedSearchSightings, users } from "../../db/schema";
import { withTransaction } from "../../db/transaction";
import { env } from "../env";
import { deliverPendingMail, enqueueMail } from "../mail/outbox";
import { notify } from "../notifications/notify";
import type { SavedPostingParams } from "../schemas/saved-searches";
import { findPostings } from "../search/search-postings";
import { maySearchCandidates, newCandidates } from "./candidates";
import { alertMail, type AlertItem } from "./mail";
import { paramsOf, postingSearchUrl } from "./saved-searches";

export type AlertMode = "instant" | "daily";

/**
 * How long a publication may take to show up to a search (a transaction committing after its published_at, the
 * index's change feed on PostgreSQL): a window of postings ends this long before the run, and the next begins there.
 */
export const settleMs = 30_000;
/** The daily digest goes out on the first run after 00:00 UTC (08:00 in China). */
const dayMs = 86_400_000;
/** Most items one alert names; the rest are on the search page it links to. */
const maxItems = 50;

/** The start of the digest day of an instant. */
function digestDayStart(now: Date) {
  return new Date(Math.floor(now.getTime() / dayMs) * dayMs);
}

type SavedSearchRow = typeof savedSearches.$inferSelect;

/**
 * One round of saved-search alerts. "instant" looks at every instant search (run it every minute); "daily" at
 * the daily searches whose last window ended before today's digest day (run it as often as you like: each is
 * alerted once a day). For each, what was published (postings) or became visible (candidates) since its last
 * window is found with the search page's own function, then, in one transaction, the window is claimed by a
 * conditional update of its cursor and the notifications and mails are written: two instances running the same
 * round alert each window once. With SMTP_URL (or `smtpUrl`) the mails are then sent; without, they are held in
 * the outbox.
 */
export async function runSavedSearchAlerts(db: Db, { now = new Date(), mode, smtpUrl = env().SMTP_URL, batch = 500 }: { now?: Date; mode: AlertMode; smtpUrl?: string; batch?: number }) {
  const due = await db
    .select()
    .from(savedSearches)
    .where(mode === "instant" ? eq(savedSearches.frequency, "instant") : and(eq(savedSearches.frequency, "daily"), lt(savedSearches.checkedAt, new Date(digestDayStart(now).getTime() - settleMs))))
    .orderBy(asc(savedSearches.checkedAt))
    .limit(batch);
  const totals = { searches: 0, notifications: 0, mails: 0, sent: 0 };
  for (const search of due) {
    // One search failing (its stored filters, say) must not hold up everybody else's alerts: logged, retried next run.
    const result = await alertOne(db, search, now, !!smtpUrl).catch((error: unknown) => {
      console.error(`saved search ${search.id} alert failed:`, error);
      return null;
    });
    if (!result) continue;
    totals.searches++;
    totals.notifications += result.notifications;
    totals.mails += result.mails;
  }
  if (smtpUrl) totals.sent = await deliverPendingMail(db, { smtpUrl });
  return totals;
}

/** One saved search's window: null when another run claimed it first. */
async function alertOne(db: Db, search: SavedSearchRow, now: Date, smtp: boolean) {
  const until = new Date(now.getTime() - settleMs);
  const since = search.checkedAt;
  if (until <= since) return null;
  const stored = paramsOf(search);
  let items: AlertItem[] = [];
  let studentIds: string[] = [];
  if (stored.kind === "postings" && stored.params.success) {
    items = await newPostings(db, stored.params.data, since, until, now);
  } else if (stored.kind === "candidates" && stored.params.success && search.organisationId && (await maySearchCandidates(db, search.userId, search.organisationId))) {
    // Profiles changed since the window's start, with the settling margin; the sightings keep each student to one alert.
    const found = await newCandidates(db, search.id, stored.params.data, new Date(since.getTime() - settleMs), maxItems);
    studentIds = found.map((s) => s.userId);
    items = found.map((s) => ({ id: s.userId, title: s.displayName, detail: `${s.schoolName} · ${s.specialtyName} · ${s.enrolmentYear}`, link: `/students/${s.userId}` }));
  }
  return withTransaction(db, async (tx) => {
    // The claim: only the run that moves the cursor from where it read it alerts this window.
    const claimed = await tx
      .update(savedSearches)
      .set({ checkedAt: until })
      .where(and(eq(savedSearches.id, search.id), eq(savedSearches.checkedAt, since)))
      .returning({ id: savedSearches.id });
    if (claimed.length === 0) return null;
    if (items.length === 0) return { notifications: 0, mails: 0 };
    if (studentIds.length > 0) await tx.insert(savedSearchSightings).values(studentIds.map((studentId) => ({ savedSearchId: search.id, studentId }))).onConflictDoNothing();
    const listLink = stored.kind === "postings" && stored.params.success ? postingSearchUrl(stored.params.data) : "/my/saved-searches";
    let notifications = 0;
    if (search.frequency === "instant") {
      for (const item of items) {
        await notify(tx, { to: [search.userId], type: search.kind === "postings" ? "notify.savedSearchPosting" : "notify.savedSearchStudent", params: { search: search.name, title: item.title }, link: item.link });
        notifications++;
      }
    } else {
      await notify(tx, { to: [search.userId], type: search.kind === "postings" ? "notify.savedSearchDigest" : "notify.savedSearchStudentDigest", params: { search: search.name, n: String(items.length) }, link: listLink });
      notifications++;
    }
    const [owner] = await tx.select({ email: users.email }).from(users).where(eq(users.id, search.userId)).limit(1);
    if (!search.mailEnabled || !owner?.email) return { notifications, mails: 0 };
    await enqueueMail(tx, { ...alertMail({ savedSearchId: search.id, name: search.name, kind: search.kind, frequency: search.frequency, items, listLink }), to: owner.email, savedSearchId: search.id }, { smtp });
    return { notifications, mails: 1 };
  });
}

/**
 * Postings the saved search finds that were published in (since, until]: the search page's own function
 * (findPostings, the same filters and the same idea of "open"), newest first, read page by page until older ones.
 */
async function newPostings(db: Db, params: SavedPostingParams, since: Date, until: Date, now: Date): Promise<AlertItem[]> {
  const items: AlertItem[] = [];
  let cursor: { key: number; rowid: number } | null = null;
  for (;;) {
    const page = await findPostings(db, { filters: params, sort: "newest", profile: null, cursor, limit: 50, now: now.getTime(), counts: false });
    for (const p of page.items) {
      const published = Number(p.publishedAt ?? 0);
      if (published <= since.getTime()) return items;
      if (published <= until.getTime() && items.length < maxItems) items.push({ id: p.id, title: p.title, detail: p.organisationName, link: `/postings/${p.id}` });
    }
    if (!page.nextCursor || items.length >= maxItems) return items;
    cursor = page.nextCursor;
  }
}
