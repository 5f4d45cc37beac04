import { TRPCError } from "@trpc/server";

/** True for the errors a page should answer with "not found": NOT_FOUND, or an id that failed validation. */
export function isNotFound(error: unknown) {
  return error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST");
}
