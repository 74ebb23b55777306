import { describe, expect, it } from "vitest";
import { catalogProblems, createTranslator, mergeCatalogs, type PluralKey } from "./i18n.ts";
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

  it("makes one translator per catalogs and locale, shared by every request", () => {
    expect(createTranslator(common, "fr")).toBe(createTranslator(common, "fr"));
    expect(createTranslator(common, "es")).not.toBe(createTranslator(common, "fr"));
    expect(createTranslator(common, "es").locale).toBe("es");
    const other = mergeCatalogs([common]);
    expect(createTranslator(other, "fr")).not.toBe(createTranslator(common, "fr"));
    expect(createTranslator(other, "fr")("error.requestId", { requestId: "x" })).toBe(
      createTranslator(common, "fr")("error.requestId", { requestId: "x" }),
    );
  });

  it("picks plural forms by the language's rules (Intl.PluralRules), falling back to other", () => {
    const set = {
      en: { "x.cap.one": "at most {count} proxy", "x.cap.other": "at most {count} proxies" },
      fr: { "x.cap.one": "au plus {count} procuration", "x.cap.other": "au plus {count} procurations" },
      es: { "x.cap.one": "como máximo {count} poder", "x.cap.other": "como máximo {count} poderes" },
      pt: { "x.cap.one": "no máximo {count} procuração", "x.cap.other": "no máximo {count} procurações" },
    };
    const key = "x.cap" as PluralKey;
    const en = createTranslator(set, "en");
    const fr = createTranslator(set, "fr");
    expect(en.plural(key, 1)).toBe("at most 1 proxy");
    expect(en.plural(key, 0)).toBe("at most 0 proxies");
    expect(en.plural(key, 2)).toBe("at most 2 proxies");
    // French counts 0 and 1 as one; a million takes "many", which falls back to other here.
    expect(fr.plural(key, 0)).toBe("au plus 0 procuration");
    expect(fr.plural(key, 2)).toBe("au plus 2 procurations");
    expect(fr.plural(key, 1_000_000)).toBe("au plus 1000000 procurations");
    expect(createTranslator(set, "es").plural(key, 1)).toBe("como máximo 1 poder");
    expect(createTranslator(set, "pt").plural(key, 3)).toBe("no máximo 3 procurações");
  });
});
