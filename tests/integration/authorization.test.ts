import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "@/server/root";
import { accessMatrix, callers, type Caller } from "@/server/routers/access";
import { resetRateLimits } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";
import { withThrowawayCopy } from "../helpers/db";
import { buildWorld, validInputs, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

/** Callers with no right to the fixture student's personal data. */
const outsiders: Caller[] = ["anonymous", "otherStudent", "otherSchool", "otherEnterprise", "unverifiedEnterprise", "unverifiedSchool"];
/**
 * Where the host may read the student's birth date and mobile: the student has an open application to it
 * (students.get, the applicant view) and placements with it (their page and agreement name both).
 */
const hostMaySee = new Set(["students.get", "placements.get", "placements.agreement"]);
const leaks: string[] = [];

async function outcomeOf(path: string, caller: Caller, input: unknown): Promise<string> {
  return withThrowawayCopy(world.db, async (db) => {
    resetRateLimits();
    const api = createCaller(await createContext({ db, userId: world.ids[caller] }));
    const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (input: unknown) => Promise<unknown>;
    try {
      const result = JSON.stringify((await procedure(input)) ?? null);
      const entitled = !outsiders.includes(caller) && (caller !== "enterprise" || hostMaySee.has(path));
      if (!entitled && ["2005-07-13", "13912345678"].some((secret) => result.includes(secret))) leaks.push(`${path} as ${caller}`);
      return "ok";
    } catch (error) {
      if (error instanceof TRPCError) return error.code;
      return `crash: ${String(error)}`;
    }
  });
}

describe("the authorisation matrix", () => {
  it("declares every procedure of the router, and nothing else", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(accessMatrix).sort()).toEqual(procedures);
  });

  it("gives each caller exactly the declared outcome on every procedure", async () => {
    const table = await validInputs(world);
    const mismatches: string[] = [];
    let cells = 0;
    for (const path of Object.keys(appRouter._def.procedures)) {
      for (const caller of callers) {
        const expected = accessMatrix[path]?.[caller];
        const actual = await outcomeOf(path, caller, table[path]);
        cells++;
        if (actual !== expected) mismatches.push(`${path} as ${caller}: expected ${expected}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Birth date and mobile number never reach anyone outside the student, their school, administrators and
    // the host (and the host only where an application or placement gives it the right).
    expect(leaks).toEqual([]);
    expect(cells).toBe(Object.keys(accessMatrix).length * callers.length);
  }, 120_000);
});
