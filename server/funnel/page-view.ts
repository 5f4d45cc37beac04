import { headers } from "next/headers";
import { getRequestContext } from "../request";
import { recordView } from "./record";
import { sourceOfReferrer } from "./sources";

/**
 * Counts a view of a posting's page (app/postings/[id]), from the request: its source from the Referer (search or
 * the home page's recommendations), the student's id for the application's source. Not counted: the owning
 * organisation's members and administrators (their own reading is not an audience), and Next's prefetches.
 */
export async function recordPostingPageView(posting: { id: string; canEdit: boolean; viewerIsAdmin: boolean }): Promise<void> {
  if (posting.canEdit || posting.viewerIsAdmin) return;
  const request = await headers();
  if (request.get("next-router-prefetch")) return;
  const { db, user } = await getRequestContext();
  const source = sourceOfReferrer(request.get("referer"), request.get("host") ?? "");
  await recordView(db, { postingId: posting.id, source, studentId: user?.role === "student" ? user.id : null });
}
