import { describe, expect, it } from "vitest";
import { applyOperation, applyOperations, numberArticles, type RulesText, romanNumeral, wordingFor } from "./text.ts";

const rules: RulesText = {
  title: { en: "Rules of procedure" },
  sections: [
    {
      id: "s1",
      title: { en: "Members" },
      articles: [{ id: "a", wording: { en: "Any platform.", fr: "Toute plateforme." } }],
    },
    { id: "s2", title: { en: "The IPG" }, articles: [{ id: "b", wording: { en: "Every two years." } }] },
  ],
};

describe("a text's numbering and operations", () => {
  it("numbers sections in roman numerals and articles across the text", () => {
    expect(numberArticles(rules).map((p) => [p.sectionNumber, p.number, p.article.id])).toEqual([
      ["I", 1, "a"],
      ["II", 2, "b"],
    ]);
    expect(romanNumeral(14)).toBe("XIV");
  });

  it("renumbers after an insert and keeps ids", () => {
    const next = applyOperation(rules, {
      op: "insert",
      sectionId: "s1",
      after: null,
      article: { id: "z", wording: { pt: "Nova." } },
    });
    expect(next.ok && numberArticles(next.value).map((p) => `${p.number}:${p.article.id}`)).toEqual([
      "1:z",
      "2:a",
      "3:b",
    ]);
  });

  it("replaces only the languages given and removes one given as null", () => {
    const next = applyOperation(rules, {
      op: "replace",
      articleId: "a",
      wording: { es: "Toda plataforma.", fr: null },
    });
    expect(next.ok && next.value.sections[0]?.articles[0]?.wording).toEqual({
      en: "Any platform.",
      es: "Toda plataforma.",
    });
  });

  it("refuses an unknown article, an unknown section, a duplicate id, an empty wording and no operation", () => {
    expect(applyOperation(rules, { op: "delete", articleId: "x" })).toEqual({
      ok: false,
      error: { kind: "unknown-article", articleId: "x" },
    });
    expect(
      applyOperation(rules, { op: "insert", sectionId: "s9", after: null, article: { id: "n", wording: { en: "x" } } }),
    ).toEqual({
      ok: false,
      error: { kind: "unknown-section", sectionId: "s9" },
    });
    expect(
      applyOperation(rules, { op: "insert", sectionId: "s1", after: null, article: { id: "a", wording: { en: "x" } } }),
    ).toEqual({
      ok: false,
      error: { kind: "duplicate-article", articleId: "a" },
    });
    expect(applyOperation(rules, { op: "replace", articleId: "b", wording: { en: null } })).toEqual({
      ok: false,
      error: { kind: "empty-wording", articleId: "b" },
    });
    expect(applyOperations(rules, [])).toEqual({ ok: false, error: { kind: "no-operation" } });
  });

  it("shows a missing language as missing, with the language shown instead", () => {
    expect(wordingFor({ en: "Every two years." }, "pt")).toEqual({
      text: "Every two years.",
      locale: "en",
      missing: true,
    });
    expect(wordingFor({ pt: "A cada dois anos." }, "pt")).toEqual({
      text: "A cada dois anos.",
      locale: "pt",
      missing: false,
    });
  });
});
