import { getRequestContext } from "@/server/request";
import { translate } from "@/server/i18n/messages";
import { isCrossSite } from "@/server/security/transport";
import { maxCvBytes, removeCv, saveCv } from "@/server/students/cv";

/** The signed-in student uploads (POST, multipart field "file") or removes (DELETE) their CV attachment. */
async function student() {
  const ctx = await getRequestContext();
  return ctx.user?.role === "student" ? { ctx, user: ctx.user } : null;
}

export async function POST(req: Request) {
  // A multipart form needs no preflight: refuse one posted from another site (server/security/transport.ts).
  if (isCrossSite(req)) return Response.json({ error: "errors.FORBIDDEN" }, { status: 403 });
  const who = await student();
  if (!who) return Response.json({ error: "errors.FORBIDDEN" }, { status: 403 });
  const declared = Number(req.headers.get("content-length") ?? 0);
  const say = (key: Parameters<typeof translate>[1], status: number) => Response.json({ error: translate(who.ctx.locale, key) }, { status });
  if (declared > maxCvBytes + 64 * 1024) return say("errors.cvSize", 413);
  const form = await req.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return say("errors.cvType", 400);
  if (file.size > maxCvBytes) return say("errors.cvSize", 413);
  const problem = await saveCv(who.ctx.db, who.user.id, file.name, new Uint8Array(await file.arrayBuffer()));
  if (problem) return say(problem, problem === "errors.cvSize" ? 413 : 400);
  return Response.json({ ok: true });
}

export async function DELETE(req: Request) {
  if (isCrossSite(req)) return Response.json({ error: "errors.FORBIDDEN" }, { status: 403 });
  const who = await student();
  if (!who) return Response.json({ error: "errors.FORBIDDEN" }, { status: 403 });
  await removeCv(who.ctx.db, who.user.id);
  return Response.json({ ok: true });
}
