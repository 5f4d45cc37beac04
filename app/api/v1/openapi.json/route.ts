import { openApiDocument } from "@/server/api/openapi";

/** The OpenAPI 3.1 description of /api/v1, generated from the route table and its zod schemas. */
export async function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}
