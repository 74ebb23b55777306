import { describe, expect, it } from "vitest";
import type { RulesText } from "../domain/text.ts";
import { compareTexts, diffAsText, wordDiff } from "./compare.ts";

describe("the word diff", () => {
  it("keeps accented French words whole", () => {
    const parts = wordDiff(
      "Le groupe pilote se réunit tous les deux ans.",
      "Le groupe pilote se réunit chaque année.",
      "fr",
    );
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["tous les deux ans"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["chaque année"]);
  });

  it("keeps Spanish ñ and accents inside their words", () => {
    const parts = wordDiff("La coordinación de España vota.", "La coordinación de Españã decide.", "es");
    expect(parts.filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text}`)).toEqual([
      "removed:España vota",
      "added:Españã decide",
    ]);
  });

  it("diffs Portuguese words with cedilla and tilde", () => {
    const parts = wordDiff("A coordenação regional é autónoma.", "A coordenação regional não é autónoma.", "pt");
    expect(diffAsText(parts)).toBe("A coordenação regional {+não +}é autónoma.");
  });
});

describe("two versions compared article by article", () => {
  const v1: RulesText = {
    title: {},
    sections: [
      {
        id: "s",
        title: {},
        articles: [
          { id: "a", wording: { fr: "Un." } },
          { id: "b", wording: { fr: "Deux." } },
          { id: "c", wording: { fr: "Trois." } },
        ],
      },
    ],
  };
  const v2: RulesText = {
    title: {},
    sections: [
      {
        id: "s",
        title: {},
        articles: [
          { id: "a", wording: { fr: "Un." } },
          { id: "n", wording: { fr: "Nouveau." } },
          { id: "c", wording: { fr: "Trois et demi." } },
        ],
      },
    ],
  };
  it("says which articles are the same, changed, added and removed, with their numbers", () => {
    const changes = compareTexts(v1, v2, "fr");
    expect(changes.map((c) => [c.articleId, c.change, c.before, c.after])).toEqual([
      ["a", "same", 1, 1],
      ["n", "added", undefined, 2],
      ["b", "removed", 2, undefined],
      ["c", "changed", 3, 3],
    ]);
  });
});
