import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/i18n/locale";

describe("localeFromAcceptLanguage", () => {
  it("defaults to English without a header or with no language we speak", () => {
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.8")).toBe("en");
  });
  it("picks Simplified Chinese for any zh tag", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh")).toBe("zh-CN");
  });
  it("follows the q weights, not the order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5,zh-CN;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,zh-CN;q=0.9")).toBe("en");
  });
  it("ignores languages refused with q=0", () => {
    expect(localeFromAcceptLanguage("zh;q=0,en")).toBe("en");
  });
});
