import { describe, expect, it } from "vitest";
import { formatters, translate } from "@/server/i18n/messages";

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
});
