import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postings, users } from "@/db/schema";
import { translate } from "@/server/i18n/messages";
import { callerFor, createTestDb } from "../helpers/db";
import { createEnterprise, enterpriseInput, placementInput } from "../helpers/factories";
import { refusal } from "../helpers/refusals";

/**
 * U+0000 in any text of any input is refused before the procedure runs. PostgreSQL cannot store it in text or
 * jsonb (the fuzz run on PostgreSQL met a 500 in placements.commentLog, postings.create and postings.reject);
 * SQLite stored it. One rule for both engines: a clear refusal, nothing written.
 */
describe("text that cannot be stored (U+0000, lone surrogates)", () => {
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

  /**
   * Half of a surrogate pair ("\ud800" in JSON) is no character. The fuzz run on PostgreSQL met a 500 in
   * postings.create with one in a placement's details (jsonb refuses the escape); in text it would have been
   * stored as U+FFFD on either engine, silently changed. Refused like U+0000.
   */
  it("refuses a lone surrogate in jsonb-bound details and in plain text, keeps paired ones, and writes nothing", async () => {
    const db = await createTestDb();
    const enterprise = await createEnterprise(db);
    const api = await callerFor(db, enterprise.userId, "en");
    const create = (posting: ReturnType<typeof placementInput>) => api.postings.create({ organisationId: enterprise.organisationId, posting, submit: false });
    for (const posting of [
      placementInput({ postId: enterprise.postId }, { exceptionReference: "\ud800" }),
      placementInput({ postId: enterprise.postId, title: "Java 开发实习生\udc00" }),
      placementInput({ postId: enterprise.postId, address: "\udbff广州市天河区软件路 1 号" }),
    ]) {
      const error = await refusal(create(posting));
      expect([error.code, error.message]).toEqual(["BAD_REQUEST", "errors.loneSurrogate"]);
    }
    expect(translate("zh-CN", "errors.loneSurrogate")).toMatch(/^内容含有残缺的字符编码/);
    expect(await db.select({ id: postings.id }).from(postings).where(eq(postings.organisationId, enterprise.organisationId))).toEqual([]);
    // A character outside the BMP is a whole pair and is stored as written.
    const { id } = await create(placementInput({ postId: enterprise.postId, title: "𠮷野家 Java 开发实习生" }, { exceptionReference: "𠮷" }));
    const [stored] = await db.select({ title: postings.title, details: postings.details }).from(postings).where(eq(postings.id, id));
    expect(stored!.title).toBe("𠮷野家 Java 开发实习生");
    expect((stored!.details as { exceptionReference: string }).exceptionReference).toBe("𠮷");
  });
});
