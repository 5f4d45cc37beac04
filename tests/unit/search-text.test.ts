import { describe, expect, it } from "vitest";
import { ftsQuery, searchTokens } from "@/server/search/text";

describe("bigram search text", () => {
  it("writes Han runs as overlapping bigrams and Latin words whole", () => {
    expect(searchTokens("软件技术 Java开发")).toBe("软件 件技 技术 java 开发");
    expect(searchTokens("车，工")).toBe("车 工");
  });

  it("queries a substring as the phrase of its bigrams", () => {
    expect(ftsQuery("软件技术")).toBe('"软件 件技 技术"');
    expect(ftsQuery("护理 实习")).toBe('"护理" AND "实习"');
    expect(ftsQuery("Java")).toBe('"java"*');
    expect(ftsQuery("车")).toBe('"车"*');
  });

  it("drops what cannot be searched, including FTS syntax", () => {
    expect(ftsQuery('" OR * -')).toBe('"or"*');
    expect(ftsQuery("（）！")).toBeNull();
  });
});
