import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/create";
import { callerFor, createTestDb } from "../helpers/db";

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

describe("reference taxonomies", () => {
  it("walks regions province → city → county", async () => {
    const anon = await callerFor(db);
    const provinces = await anon.reference.children({ taxonomy: "region", parentCode: null });
    expect(provinces).toHaveLength(34);
    const cities = await anon.reference.children({ taxonomy: "region", parentCode: "440000" });
    expect(cities.find((c) => c.code === "440100")).toMatchObject({ name: "广州市", hasChildren: true });
    expect(cities.find((c) => c.code === "441900")).toMatchObject({ name: "东莞市", hasChildren: false });
    const counties = await anon.reference.children({ taxonomy: "region", parentCode: "440100" });
    expect(counties.map((c) => c.name)).toContain("天河区");
  });

  it("walks specialties by education level, group, class and specialty", async () => {
    const anon = await callerFor(db);
    const groups = await anon.reference.children({ taxonomy: "specialty", parentCode: null, educationLevel: "higher_vocational" });
    expect(groups).toHaveLength(19);
    expect(groups.every((g) => g.educationLevel === "higher_vocational")).toBe(true);
    const classes = await anon.reference.children({ taxonomy: "specialty", parentCode: "51" });
    expect(classes.map((c) => c.name)).toContain("计算机类");
    const majors = await anon.reference.children({ taxonomy: "specialty", parentCode: "5102" });
    expect(majors.find((m) => m.code === "510201")).toMatchObject({ name: "计算机应用技术", hasChildren: false });
  });

  it("searches by name or code and gives the path of a code", async () => {
    const anon = await callerFor(db);
    const hits = await anon.reference.search({ taxonomy: "specialty", query: "护理" });
    expect(hits.some((h) => h.name === "护理")).toBe(true);
    expect((await anon.reference.search({ taxonomy: "industry", query: "6513" }))[0]).toMatchObject({ name: "应用软件开发" });
    expect((await anon.reference.search({ taxonomy: "region", query: "天河" })).map((r) => r.code)).toContain("440106");
    // LIKE wildcards in the query are taken literally.
    expect(await anon.reference.search({ taxonomy: "region", query: "%" })).toHaveLength(0);
    const paths = await anon.reference.paths({ taxonomy: "industry", codes: ["6513"] });
    expect(paths["6513"]!.map((p) => p.code)).toEqual(["I", "65", "651", "6513"]);
    const regionPath = await anon.reference.paths({ taxonomy: "region", codes: ["440106"] });
    expect(regionPath["440106"]!.map((p) => p.name)).toEqual(["广东省", "广州市", "天河区"]);
  });
});
