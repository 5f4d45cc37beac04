import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { appRouter, createCaller } from "@/server/root";
import type { Caller } from "@/server/routers/access";
import { createContext } from "@/server/trpc";
import { cloneDb } from "../helpers/db";
import { buildWorld, validInputs, type World } from "../helpers/world";

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

/** Row counts and last update of every table: a write that half-happened changes one of them. */
function fingerprint(db: Db) {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'posting_search%' and name not like '__drizzle%'").all() as { name: string }[];
  return tables
    .map(({ name }) => {
      const columns = (db.$client.prepare(`pragma table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
      const last = columns.includes("updated_at") ? `, max(updated_at)` : "";
      return `${name}:${JSON.stringify(db.$client.prepare(`select count(*)${last} from "${name}"`).raw().get())}`;
    })
    .join("|");
}

/** Hostile values: wrong types, huge and odd strings, markup, SQL, prototype keys, numbers at their limits. */
const nasty = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 50 }),
  fc.constantFrom("", " ", "\u0000", "'; drop table users; --", "<script>alert(1)</script>", "../../etc/passwd", "%", "_", "𠮷野家", "9".repeat(400), "x".repeat(100_000)),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 0.5),
  fc.constantFrom(null, undefined, true, [], {}, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }),
  fc.uuid(),
);

/** A valid-looking input with one field (possibly nested) replaced by a hostile value. */
function mutate(valid: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0 || valid === null || typeof valid !== "object") return value;
  const [head, ...rest] = path;
  const copy: Record<string, unknown> = { ...(valid as Record<string, unknown>) };
  copy[head!] = mutate(copy[head!], rest, value);
  return copy;
}

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

describe("hostile input to every procedure", () => {
  it("never answers with an internal error and never half-writes", async () => {
    const paths = Object.keys(appRouter._def.procedures);
    const actingAs: Caller[] = ["anonymous", "student", "school", "enterprise", "admin"];
    const failures: string[] = [];
    const valid = await validInputs(world);
    for (const path of paths) {
      const db = cloneDb(world.db);
      const base = valid[path];
      const apis = await Promise.all(actingAs.map(async (who) => createCaller(await createContext({ db, userId: world.ids[who] }))));
      await fc.assert(
        // A wholly hostile input, or a valid one with one field (at any depth) made hostile.
        fc.asyncProperty(fc.nat(actingAs.length - 1), fc.boolean(), fc.nat(), nasty, async (who, whole, pick, value) => {
          const candidates = pathsOf(base).filter((p) => p.length > 0);
          const input = whole || candidates.length === 0 ? value : mutate(base, candidates[pick % candidates.length]!, value);
          const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], apis[who]) as (input: unknown) => Promise<unknown>;
          const before = fingerprint(db);
          try {
            await procedure(input);
          } catch (error) {
            if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") {
              failures.push(`${path} as ${actingAs[who]} with ${JSON.stringify(input)?.slice(0, 200)}: ${String(error)}`);
              return;
            }
            if (fingerprint(db) !== before) failures.push(`${path} as ${actingAs[who]} changed data and then failed (${error.code})`);
          }
        }),
        { numRuns: 25, seed: 4754 },
      );
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
