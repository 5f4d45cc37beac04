/**
 * When this process last sent PostgreSQL a statement that may write, or a commit. The posting index reads its
 * change feed before a query only while such a statement is recent (server/search/change-feed.ts): a user who
 * has just written sees it at once, and the rest of the time LISTEN/NOTIFY (and the 1-second poll) keeps the
 * index current without a round trip per search. Kept on globalThis, like the connection: Next bundles this
 * module into more than one entry, and every handle of the process counts (tests write through several).
 */
const state = globalThis as unknown as { edubridgeLastLocalWrite?: number };

/** Statements that cannot change a row: everything else (insert, update, delete, with, commit, …) counts as a write. */
const readOnly = /^\s*(select|fetch|declare|close|show|set|begin|start transaction|savepoint|release|rollback|listen|unlisten|explain)\b/i;

/**
 * Writes that never change what the search index holds: the funnel's impression and view counts. They are flushed
 * every second while anyone searches, so counting them kept every search of a busy instance reading the feed first.
 */
const indexNeutral = /^\s*insert\s+into\s+"?(funnel_daily|funnel_view_sources)"?\s/i;
const commit = /^\s*(commit|end)\b/i;
const transactionEnd = /^\s*(rollback(?!\s+to\b)|begin|start transaction)\b/i;
/** Connections whose open transaction has sent a write: only their commit makes a write visible. */
const writing = new Set<string>();

/**
 * Called for every statement sent, with its connection (postgres.js's debug hook, db/create.ts). A commit counts
 * only when its transaction wrote: a read transaction (a term's lookup with its work_mem) changes nothing.
 */
export function noteStatement(query: string, connection?: string) {
  if (commit.test(query)) {
    if (connection === undefined || writing.delete(connection)) state.edubridgeLastLocalWrite = performance.now();
  } else if (transactionEnd.test(query)) {
    if (connection !== undefined) writing.delete(connection);
  } else if (!readOnly.test(query) && !indexNeutral.test(query)) {
    state.edubridgeLastLocalWrite = performance.now();
    if (connection !== undefined) writing.add(connection);
  }
}

/** Whether this process sent a writing statement, or committed one, within the last `ms` milliseconds. */
export function wroteWithin(ms: number): boolean {
  const last = state.edubridgeLastLocalWrite;
  return last !== undefined && performance.now() - last <= ms;
}
