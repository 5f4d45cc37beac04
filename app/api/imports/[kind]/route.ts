import { translate } from "@/server/i18n/messages";
import { importKinds, importResponse, type ImportKind } from "@/server/imports/respond";
import { maxImportBytes } from "@/server/imports/sheet";
import { getRequestContext } from "@/server/request";
import { isCrossSite } from "@/server/security/transport";

/** An import upload (multipart: organisationId, mode=check|commit, file); progress and the result as NDJSON. */
export async function POST(req: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!importKinds.includes(kind as ImportKind)) return new Response("Not found", { status: 404 });
  // A multipart form needs no preflight: refuse one posted from another site (server/security/transport.ts).
  if (isCrossSite(req)) return Response.json({ error: "errors.FORBIDDEN" }, { status: 403 });
  const ctx = await getRequestContext();
  // Refused before the body is read: the size cap holds however large the upload says it is.
  if (Number(req.headers.get("content-length") ?? 0) > maxImportBytes + 64 * 1024) {
    return Response.json({ error: translate(ctx.locale, "imports.error.tooLarge", { mb: maxImportBytes / 1024 / 1024 }) }, { status: 413 });
  }
  const form = await req.formData().catch(() => null);
  if (!form) return Response.json({ error: translate(ctx.locale, "imports.error.noFile") }, { status: 400 });
  return importResponse(ctx.db, ctx.user, kind as ImportKind, form, ctx.locale);
}
