import { getRequestContext } from "@/server/request";
import { readCv } from "@/server/students/cv";

/** A student's CV attachment, for those allowed to read their personal data; 404 for everyone else. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getRequestContext();
  const cv = ctx.user ? await readCv(ctx.db, ctx.user, id) : null;
  if (!cv) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(cv.bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(cv.fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
