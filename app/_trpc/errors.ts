import { TRPCError } from "@trpc/server";

/** True for the errors a page should answer with "not found": NOT_FOUND, or an id that failed validation. */
export function isNotFound(error: unknown) {
  return error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST");
}

/** A server-side call's result, or null when what it asked for is not there (for pages that then call notFound()). */
export async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
