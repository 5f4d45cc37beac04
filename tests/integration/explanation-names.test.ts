// db/queries/search.ts explanationNames: the names chips and facets show, read once per database (reference data
// is written only when the database is prepared), and codes not yet known are read when first asked for.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { explanationNames } from "@/db/queries/search";
import { regions } from "@/db/schema";
import { createTestDb } from "../helpers/db";

describe("explanationNames", () => {
  it("reads a name once, and a code it has not met when first asked for", async () => {
    const db = await createTestDb();
    const first = await explanationNames(db, { regions: ["440100"], divisions: [], domains: [] });
    expect(first.region.get("440100")).toBe("广州市");
    // A name once read is not read again: a changed row (which the app never changes) still shows the name read.
    await db.update(regions).set({ name: "改名" }).where(eq(regions.code, "440100"));
    expect((await explanationNames(db, { regions: ["440100"], divisions: [], domains: [] })).region.get("440100")).toBe("广州市");
    // An unknown code is not remembered as unknown: once it exists, it is named.
    expect((await explanationNames(db, { regions: ["449999"], divisions: [], domains: [] })).region.has("449999")).toBe(false);
    await db.insert(regions).values({ code: "449999", name: "测试区", parentCode: "440100", level: "county", provinceCode: "440000", cityCode: "440100", kind: "regular" });
    const later = await explanationNames(db, { regions: ["449999", "440100"], divisions: [], domains: [] });
    expect(later.region.get("449999")).toBe("测试区");
    expect(later.region.get("440100")).toBe("广州市");
    // Another database has its own names.
    const other = await createTestDb();
    await other.update(regions).set({ name: "另名" }).where(eq(regions.code, "440100"));
    expect((await explanationNames(other, { regions: ["440100"], divisions: [], domains: [] })).region.get("440100")).toBe("另名");
  });
});
