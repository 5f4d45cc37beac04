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

/** Called for every statement sent (postgres.js's debug hook, db/create.ts). */
export function noteStatement(query: string) {
  if (!readOnly.test(query)) state.edubridgeLastLocalWrite = performance.now();
}

/** Whether this process sent a writing statement or a commit within the last `ms` milliseconds. */
export function wroteWithin(ms: number): boolean {
  const last = state.edubridgeLastLocalWrite;
  return last !== undefined && performance.now() - last <= ms;
}
