import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { translator } from "@/server/i18n/messages";
import { reportTables } from "@/server/reports/export";
import { callerFor, createTestDb } from "../helpers/db";
import { createAdmin } from "../helpers/factories";

/**
 * How an export reads its query parameters (server/reports/export.ts), found unguarded by StrykerJS (README
 * "Mutation testing"): a province narrows the supply–demand report to its cities, and the school-outcomes export
 * without an organisation is refused, not run for some other one.
 */
describe("export parameters", () => {
  it("name the region column by province nationwide and by city within a province", async () => {
    const db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const t = translator("zh-CN");
    const header = async (params: Record<string, string>) => (await reportTables(admin, "supply-demand", new URLSearchParams(params), t))[0]!.columns[0]!.header;
    expect(await header({})).toBe(t("report.province"));
    expect(await header({ province: "440000" })).toBe(t("report.city"));
    expect(await header({ province: "", year: "2027" })).toBe(t("report.province"));
  });

  it("refuse the school-outcomes export without an organisation", async () => {
    const db = await createTestDb();
    const admin = await callerFor(db, (await createAdmin(db)).id);
    const error = await reportTables(admin, "school-outcomes", new URLSearchParams(), translator("zh-CN")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
