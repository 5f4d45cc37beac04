import { handleApiRequest } from "@/server/api/handle";
import { getDb } from "@/server/db";

/** The open API (issue 19): every operation of server/api/routes.ts, described at /api/v1/openapi.json. */
export async function GET(request: Request) {
  return handleApiRequest(getDb(), request);
}

export async function POST(request: Request) {
  return handleApiRequest(getDb(), request);
}

export const dynamic = "force-dynamic";
