import fs from "node:fs";
import path from "node:path";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { describe, expect, it } from "vitest";
import { formatters, isMessageKey, translate } from "@/server/i18n/messages";

/** Every "errors.…" key written literally in the server code and the route handlers/pages. */
function errorKeysInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(/["'`](errors\.[A-Za-z0-9_.]+)["'`]/g)) found.set(match[1]!, path.relative(process.cwd(), file));
      }
    }
  };
  walk(path.join(process.cwd(), "server"));
  walk(path.join(process.cwd(), "app"));
  return found;
}

describe("messages", () => {
  it("translates keys and fills parameters", () => {
    expect(translate("zh-CN", "home.welcome", { name: "张三" })).toBe("你好，张三");
    expect(translate("en", "home.welcome", { name: "Zhang" })).toBe("Hello, Zhang");
  });

  it("passes unknown text through", () => {
    expect(translate("en", "Invalid input")).toBe("Invalid input");
  });

  it("formats dates, numbers and money for zh-CN", () => {
    const f = formatters("zh-CN");
    expect(f.date(new Date("2026-11-29T12:00:00Z"))).toBe("2026年11月29日");
    expect(f.number(1234567)).toBe("1,234,567");
    expect(f.money(3500)).toBe("¥3,500");
  });

  it("has a message in both languages for every tRPC error code (the formatter's fallback)", () => {
    const missing = Object.keys(TRPC_ERROR_CODES_BY_KEY).filter((code) => !isMessageKey(`errors.${code}`));
    expect(missing).toEqual([]);
    for (const code of Object.keys(TRPC_ERROR_CODES_BY_KEY)) {
      expect(translate("zh-CN", `errors.${code}`)).toMatch(/[\u4e00-\u9fff]/);
      expect(translate("en", `errors.${code}`)).not.toBe(translate("zh-CN", `errors.${code}`));
    }
  });

  it("has a message in both languages for every \"errors.…\" key the code throws or shows", () => {
    const keys = errorKeysInSource();
    // The scan finds the keys (a broken pattern would pass vacuously).
    expect(keys.get("errors.cvScript")).toBe(path.join("server", "students", "cv.ts"));
    expect(keys.size).toBeGreaterThan(50);
    const missing = [...keys].filter(([key]) => !isMessageKey(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
    for (const key of keys.keys()) {
      expect(translate("zh-CN", key), key).not.toBe(key);
      expect(translate("en", key), key).not.toBe("");
    }
  });
});

describe("zod's own messages", () => {
  it("are replaced by our keys when a schema names none, so no English internals reach a form", async () => {
    const { postingInput } = await import("@/server/schemas/postings");
    const result = postingInput.safeParse({ kind: "no-such-kind" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.startsWith("errors."))).toBe(true);
  });
});
