import { describe, expect, it } from "vitest";
import { exportMarkdown, importMarkdown } from "./markdown.ts";

const fr = `# Règlement d'ordre intérieur

## Le Groupe pilote international

Le GPI est l'instance décisionnelle du Réseau.

Il se réunit tous les deux ans :
- sur un continent différent ;
- par rotation.

## Les coordinations régionales

Chaque coordination rédige son R.O.I. régional.
`;
const en = `# Rules of procedure

## The International Pilot Group

The IPG is the Network's decision-making body.

It meets every two years:
- on a different continent;
- by rotation.

## The regional coordinations

Each coordination drafts its regional ROI.
`;

describe("Markdown import and export", () => {
  it("reads headings as sections and paragraphs as articles, a list with the paragraph before it", () => {
    const read = importMarkdown({ fr, en });
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.text.title).toEqual({ fr: "Règlement d'ordre intérieur", en: "Rules of procedure" });
    expect(read.text.sections.map((s) => [s.id, s.title.en, s.articles.map((a) => a.id)])).toEqual([
      ["sec-1", "The International Pilot Group", ["art-1", "art-2"]],
      ["sec-2", "The regional coordinations", ["art-3"]],
    ]);
    expect(read.text.sections[0]?.articles[1]?.wording.fr).toBe(
      "Il se réunit tous les deux ans :\n- sur un continent différent ;\n- par rotation.",
    );
  });

  it("refuses languages whose structure differs, and no language at all", () => {
    const read = importMarkdown({ fr, en: "## Only\n\nOne article." });
    expect(read).toEqual({
      ok: false,
      problem: { kind: "structure-mismatch", locale: "en", expected: "2,1", got: "1" },
    });
    expect(importMarkdown({})).toEqual({ ok: false, problem: { kind: "no-language" } });
  });

  it("exports a version with numbers, marking a wording missing in that language", () => {
    const read = importMarkdown({ fr, en });
    if (!read.ok) throw new Error("import failed");
    const md = exportMarkdown(read.text, "pt", (shown) => `missing, shown in ${shown}`);
    expect(md).toContain("## I. The International Pilot Group");
    expect(md).toContain("**Art. 3.** _(missing, shown in en)_ Each coordination drafts its regional ROI.");
    const again = importMarkdown({ fr: exportMarkdown(read.text, "fr", () => "") });
    expect(again.ok && again.text.sections.map((s) => s.articles.length)).toEqual([2, 1]);
  });
});
