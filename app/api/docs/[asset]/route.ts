import { docsAsset } from "@/server/api/docs";

/** Swagger UI's script and styles from node_modules/swagger-ui-dist, and our start-up script. */
export async function GET(_request: Request, { params }: { params: Promise<{ asset: string }> }) {
  const asset = await docsAsset((await params).asset);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(typeof asset.body === "string" ? asset.body : new Uint8Array(asset.body), { headers: { "content-type": asset.type, "cache-control": "public, max-age=3600" } });
}
