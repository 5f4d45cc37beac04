import { TRPCError } from "@trpc/server";
import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createCaller } from "@/server/root";
import { limits, recordSignInFailure, resetRateLimits, signInWait } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";
import { createTestDb } from "../helpers/db";
import { enterpriseInput } from "../helpers/factories";

beforeEach(() => resetRateLimits());

describe("rate limits", () => {
  it("refuse the 21st sign-up from one address within the hour, with a clear message, writing nothing", async () => {
    const db = createTestDb();
    const from = async (address: string) => createCaller(await createContext({ db, userId: null, address }));
    const caller = await from("203.0.113.7");
    for (let i = 0; i < limits.signUpsPerAddress.limit; i++) await caller.accounts.signUpEnterprise(enterpriseInput());
    const before = db.select({ n: count() }).from(users).get()!.n;
    const error = await caller.accounts.signUpEnterprise(enterpriseInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect(db.select({ n: count() }).from(users).get()!.n).toBe(before);
    // Another address is not affected.
    await (await from("198.51.100.2")).accounts.signUpEnterprise(enterpriseInput());
  });

  it("refuse repeated sign-ups for one account even from many addresses", async () => {
    const db = createTestDb();
    const input = enterpriseInput({ email: "same@example.cn" });
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const caller = createCaller(await createContext({ db, userId: null, address: `192.0.2.${i}` }));
      outcomes.push(await caller.accounts.signUpEnterprise(input).then(() => "ok", (e: TRPCError) => e.code));
    }
    // The first creates it, the next four are refused as taken, then the account is rate-limited.
    expect(outcomes).toEqual(["ok", "CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });

  it("lock an account after five failed sign-ins for fifteen minutes, whatever the address", () => {
    const now = Date.now();
    for (let i = 0; i < 5; i++) recordSignInFailure("Someone@Example.cn", `10.0.0.${i}`);
    expect(signInWait("someone@example.cn", "10.9.9.9")).toBeGreaterThan(14 * 60);
    expect(signInWait("other@example.cn", "10.9.9.9")).toBe(0);
    expect(limits.signInFailuresPerAccount.retryAfter("someone@example.cn", now + 15 * 60_000 + 1)).toBe(0);
  });
});
