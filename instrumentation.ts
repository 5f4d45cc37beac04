/**
 * Runs once as the server starts. The search index is loaded then rather than on the first search,
 * which would otherwise wait for it (about 20 s at a million postings).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { postingIndexFor }] = await Promise.all([import("./server/db"), import("./server/search/posting-index")]);
  // Once the server is listening: requests that arrive meanwhile wait as they would have anyway.
  setTimeout(() => {
    try {
      const started = performance.now();
      const count = postingIndexFor(getDb()).count;
      console.log(`搜索索引已载入 search index loaded: ${count} postings (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      // Not fatal: the first search loads it again.
      console.error("search index warm-up failed:", error);
    }
  }, 0);
}
