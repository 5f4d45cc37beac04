import { createHash } from "node:crypto";

/** One line per failed sign-in: no stack, no password, the account only as a short digest. */
export function logFailedSignIn(reason: string, identifier: string, address: string) {
  const account = identifier ? createHash("sha256").update(identifier.trim().toLowerCase()).digest("hex").slice(0, 12) : "-";
  console.warn(`[auth] sign-in failed: ${reason} account=${account} address=${address}`);
}

/**
 * Auth.js's logger. Its default prints every failed sign-in (a CredentialsSignin error) with a full stack
 * trace; those are expected and already logged once by logFailedSignIn, so they are dropped here. Other
 * errors keep one line plus their cause.
 */
export const authLogger = {
  error(error: Error) {
    const type = (error as { type?: string }).type;
    if (type === "CredentialsSignin") return;
    const cause = (error as { cause?: { err?: unknown } }).cause?.err;
    console.error(`[auth][error] ${type ?? error.name}: ${error.message}`, ...(cause instanceof Error ? [cause] : []));
  },
};
