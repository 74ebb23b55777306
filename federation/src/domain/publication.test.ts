import { describe, expect, it } from "vitest";
import { isNewerVersion, validateNewPublication } from "./publication.ts";

describe("validateNewPublication", () => {
  it("keeps the languages given, trimmed, and needs a title and a text in each", () => {
    const { problems, publication } = validateNewPublication(
      {
        kind: "statement",
        titles: { fr: "  Déclaration  ", en: "Statement", es: "" },
        bodies: { fr: "Texte", en: "" },
      },
      "en",
    );
    expect(problems).toEqual([{ kind: "body-missing", locale: "en" }]);
    expect(publication.titles).toEqual({ fr: "Déclaration", en: "Statement" });
  });

  it("needs at least one language", () => {
    expect(validateNewPublication({ kind: "news", titles: {}, bodies: { pt: "  " } }, "en").problems).toEqual([
      { kind: "no-language" },
    ]);
  });

  it("keeps the language it was written in: the one named, else the tenant's if it has it, else its first", () => {
    const texts = {
      kind: "news" as const,
      titles: { es: "Título", pt: "Título" },
      bodies: { es: "Texto", pt: "Texto" },
    };
    expect(validateNewPublication({ ...texts, language: "pt" }, "es").publication.language).toBe("pt");
    expect(validateNewPublication(texts, "pt").publication.language).toBe("pt");
    expect(validateNewPublication(texts, "fr").publication.language).toBe("es");
    expect(validateNewPublication({ ...texts, language: "fr" }, "es").problems).toEqual([
      { kind: "language-missing", locale: "fr" },
    ]);
  });
});

describe("isNewerVersion", () => {
  it("takes a first version and strictly newer ones only", () => {
    const at = (iso: string) => ({ updatedAt: new Date(iso) });
    expect(isNewerVersion(undefined, at("2026-01-01T00:00:00Z"))).toBe(true);
    expect(isNewerVersion(at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"))).toBe(true);
    expect(isNewerVersion(at("2026-01-02T00:00:00Z"), at("2026-01-02T00:00:00Z"))).toBe(false);
    expect(isNewerVersion(at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toBe(false);
  });
});
