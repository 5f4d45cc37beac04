import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { translate } from "@/server/i18n/messages";
import { callerFor, createTestDb } from "../helpers/db";
import { enterpriseInput } from "../helpers/factories";
import { refusal } from "../helpers/refusals";

/**
 * U+0000 in any text of any input is refused before the procedure runs. PostgreSQL cannot store it in text or
 * jsonb (the fuzz run on PostgreSQL met a 500 in placements.commentLog, postings.create and postings.reject);
 * SQLite stored it. One rule for both engines: a clear refusal, nothing written.
 */
describe("text holding U+0000", () => {
  it("is refused with a reason in both languages, nested or not, and nothing is written", async () => {
    const db = await createTestDb();
    const api = await callerFor(db);
    const input = enterpriseInput({ email: "nul@example.cn", address: "广州市天河区\u0000测试路 1 号" });
    const error = await refusal(api.accounts.signUpEnterprise(input));
    expect([error.code, error.message]).toEqual(["BAD_REQUEST", "errors.nulCharacter"]);
    expect(translate("zh-CN", error.message)).toBe("内容含有无法保存的控制字符（U+0000），请删除后重试");
    expect(translate("en", error.message)).toMatch(/^The text holds a control character that cannot be stored \(U\+0000\)/);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, "nul@example.cn"))).toEqual([]);
    // In a key of a nested object too.
    const clean = { ...input, address: "广州市天河区测试路 1 号" };
    expect((await refusal(api.accounts.signUpEnterprise({ ...clean, extra: { "a\u0000": 1 } } as never))).message).toBe("errors.nulCharacter");
    // The same input without it goes through.
    expect((await api.accounts.signUpEnterprise(clean)).userId).toEqual(expect.any(String));
  });
});
