import { describe, expect, it } from "vitest";
import { catalogProblems, createTranslator, mergeCatalogs } from "./i18n.ts";
import { common } from "./messages.ts";

describe("message catalogs", () => {
  it("give every key of the kernel's catalog a text in every language, with the same placeholders", () => {
    expect(catalogProblems(common)).toEqual([]);
  });

  it("name what is wrong in a catalog", () => {
    const broken = {
      en: { "a.one": "One {n}", "a.two": "Two" },
      fr: { "a.one": "Un {m}", "a.two": " " },
      es: { "a.one": "Uno {n}" },
      pt: { "a.one": "Um {n}", "a.two": "Dois", "a.three": "Três" },
    };
    expect(catalogProblems(broken)).toEqual([
      "fr: a.one has other placeholders than in English",
      "fr: a.two is empty",
      "es: a.two is missing",
      "pt: a.three is not in English",
    ]);
  });

  it("refuse a key two catalogs define", () => {
    expect(() => mergeCatalogs([common, common])).toThrow(/defined twice/);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = createTranslator(common, "fr");
    expect(t("error.requestId", { requestId: "abc" })).toBe("Référence pour l’administrateur·rice : abc");
    expect(t("error.requestId")).toContain("{requestId}");
    expect(t.locale).toBe("fr");
    expect(t.has("error.requestId")).toBe(true);
    expect(t.has("nothing.here")).toBe(false);
  });
});
