/**
 * Runs once as the server starts. The search index is loaded then rather than on the first search,
 * which would otherwise wait for it (about 20 s at a million postings).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { postingIndexFor }] = await Promise.all([import("./server/db"), import("./server/search/posting-index")]);
  // Once the server is listening. Meanwhile /api/ready says "warming" and searches are answered from SQL
  // (server/search/search-postings.ts); /api/health answers throughout.
  setTimeout(() => {
    const started = performance.now();
    postingIndexFor(getDb()).then(
      (index) => console.log(`搜索索引已载入 search index loaded: ${index.count} postings (${Math.round(performance.now() - started)} ms)`),
      // Not fatal: /api/ready says "failed" and starts another load, as does the next search (answered from SQL).
      (error: unknown) => console.error("search index warm-up failed:", error),
    );
  }, 0);
  // Webhook deliveries every 15 s and saved-search alerts every minute, each on one instance at a time
  // (server/jobs/periodic.ts).
  const [{ startPeriodicJob }, { webhookDeliveryJob }, { savedSearchAlertsJob }] = await Promise.all([import("./server/jobs/periodic"), import("./server/webhooks/deliver"), import("./server/alerts/job")]);
  startPeriodicJob(webhookDeliveryJob);
  startPeriodicJob(savedSearchAlertsJob);
}
