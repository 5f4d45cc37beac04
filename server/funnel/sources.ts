/** Where a posting was shown or opened from. Client-safe (the chart and the pages use the names). */
export const funnelSources = ["search", "recommendation", "direct"] as const;
export type FunnelSource = (typeof funnelSources)[number];

/** The stages of a posting's funnel, in order. */
export const funnelStages = ["impressions", "views", "applications", "interviews", "offers", "placements"] as const;
export type FunnelStage = (typeof funnelStages)[number];

/**
 * The source of a page view, from the page it was opened from (the Referer of the request, same origin only):
 * the search page, or the student's home page where recommendations are listed; anything else is direct.
 */
export function sourceOfReferrer(referrer: string | null | undefined, host: string): FunnelSource {
  if (!referrer) return "direct";
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return "direct";
  }
  if (url.host !== host) return "direct";
  if (url.pathname === "/search" || url.pathname.startsWith("/search/")) return "search";
  if (url.pathname === "/home") return "recommendation";
  return "direct";
}
