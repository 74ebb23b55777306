import { LOCALES } from "@dynamo/domain";
import { describe, expect, it } from "vitest";
import { catalogs, createTranslator } from "./i18n.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("give every key a non-empty text in every language, with the same placeholders", () => {
    const keys = Object.keys(catalogs.en).sort();
    for (const locale of LOCALES) {
      const catalog = catalogs[locale];
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) {
        const text = catalog[key as keyof typeof catalog];
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(catalogs.en[key as keyof typeof catalog]));
      }
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = createTranslator("fr");
    expect(t("error.requestId", { requestId: "abc" })).toBe("Référence pour l’administrateur·rice : abc");
    expect(t("error.requestId")).toContain("{requestId}");
    expect(t.locale).toBe("fr");
  });
});
