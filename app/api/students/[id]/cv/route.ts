import { getRequestContext } from "@/server/request";
import { uploadedPdfHeaders } from "@/server/security/headers";
import { readCv } from "@/server/students/cv";

/** A student's CV attachment, for those allowed to read their personal data; 404 for everyone else. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getRequestContext();
  const cv = ctx.user ? await readCv(ctx.db, ctx.user, id) : null;
  if (!cv) return new Response("Not found", { status: 404 });
  // Inline for the student themself only; a download, sandboxed, for everyone else (server/security/headers.ts).
  return new Response(new Uint8Array(cv.bytes), { headers: uploadedPdfHeaders(cv.fileName, { inline: ctx.user?.id === id }) });
}
