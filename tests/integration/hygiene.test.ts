import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organisations, users } from "@/db/schema";
import { appRouter, createCaller } from "@/server/root";
import { accessMatrix, type Caller } from "@/server/routers/access";
import { resetRateLimits } from "@/server/security/rate-limit";
import { createContext } from "@/server/trpc";
import { cloneDb } from "../helpers/db";
import { buildWorld, validInputs, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
  // A contact person and mobile on the host's profile, beside the one on its postings (李经理, 020-12345678).
  await world.db.update(organisations).set({ contactName: "赵主管", contactPhone: "13800138000" }).where(eq(organisations.id, world.enterprise.organisationId));
}, 60_000);

async function call(caller: Caller, path: string, input: unknown) {
  const db = await cloneDb(world.db);
  resetRateLimits();
  const api = createCaller(await createContext({ db, userId: world.ids[caller] }));
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (input: unknown) => Promise<unknown>;
  return procedure(input);
}

/** Every string anywhere in a value (keys included), as the JSON answer would carry it. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value instanceof Date) out.push(value.toISOString());
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

describe("public answers", () => {
  it("carry no internal user id, for anonymous callers, on every procedure open to them", async () => {
    const userIds = new Set((await world.db.select({ id: users.id }).from(users)).map((u) => u.id));
    expect(userIds.size).toBeGreaterThan(8);
    const inputs = await validInputs(world);
    const open = Object.keys(appRouter._def.procedures).filter((path) => accessMatrix[path]?.anonymous === "ok");
    // The public pages' procedures are among them.
    expect(open).toEqual(expect.arrayContaining(["postings.get", "organisations.get", "search.postings"]));
    const leaks: string[] = [];
    for (const path of open) {
      const answer = await call("anonymous", path, inputs[path]);
      for (const s of strings(answer)) if (userIds.has(s)) leaks.push(`${path}: ${s}`);
    }
    expect(leaks).toEqual([]);
  });

  it("leave out who created, reviewed or verified a posting or an organisation, for signed-in outsiders too", async () => {
    for (const caller of ["anonymous", "otherStudent", "otherEnterprise"] as const) {
      const posting = (await call(caller, "postings.get", { postingId: world.postings.open.id })) as Record<string, unknown>;
      expect(posting).not.toHaveProperty("createdBy");
      expect(posting).not.toHaveProperty("reviewedBy");
      expect(posting.title).toBe("Java 开发实习生");
      const organisation = (await call(caller, "organisations.get", { organisationId: world.enterprise.organisationId })) as Record<string, unknown>;
      expect(organisation).not.toHaveProperty("reviewedBy");
      expect(organisation.name).toBeTruthy();
    }
  });
});

describe("an organisation's contact person and mobile", () => {
  const shown: Caller[] = ["student", "otherStudent", "school", "otherSchool", "enterprise", "otherEnterprise", "admin"];
  const hidden: Caller[] = ["anonymous", "unverifiedEnterprise", "unverifiedSchool"];

  it("are shown on postings and profiles to students, verified organisations, the organisation itself and admins", async () => {
    for (const caller of shown) {
      const posting = (await call(caller, "postings.get", { postingId: world.postings.open.id })) as Record<string, unknown>;
      expect(posting, caller).toMatchObject({ contactName: "李经理", contactPhone: "020-12345678", contactVisible: true });
      const organisation = (await call(caller, "organisations.get", { organisationId: world.enterprise.organisationId })) as Record<string, unknown>;
      expect(organisation, caller).toMatchObject({ contactName: "赵主管", contactPhone: "13800138000", contactVisible: true });
    }
  });

  it("are removed for anonymous visitors and members of organisations that are not verified", async () => {
    for (const caller of hidden) {
      const posting = await call(caller, "postings.get", { postingId: world.postings.open.id });
      expect(posting, caller).toMatchObject({ contactName: "", contactPhone: "", contactVisible: false });
      const organisation = await call(caller, "organisations.get", { organisationId: world.enterprise.organisationId });
      expect(organisation, caller).toMatchObject({ contactName: "", contactPhone: "", contactVisible: false });
      const text = JSON.stringify([posting, organisation]);
      for (const secret of ["李经理", "020-12345678", "赵主管", "13800138000"]) expect(text, `${caller}: ${secret}`).not.toContain(secret);
    }
  });

  it("stay visible to an unverified organisation's own members on its own profile", async () => {
    const own = await call("unverifiedEnterprise", "organisations.get", { organisationId: world.pendingEnterprise.organisationId });
    expect(own).toMatchObject({ contactVisible: true });
  });
});
