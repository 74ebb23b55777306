import { LOCALES, type Locale } from "@dynamo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyOperation,
  applyOperations,
  inverseOperations,
  numberArticles,
  type Operation,
  type RulesText,
} from "./text.ts";

const wording = fc
  .dictionary(fc.constantFrom<Locale>(...LOCALES), fc.string({ minLength: 1, maxLength: 30 }), { minKeys: 1 })
  .map((w) => w as Partial<Record<Locale, string>>);

/** A text of 1–4 sections, each of 0–5 articles, ids unique. */
const text: fc.Arbitrary<RulesText> = fc
  .array(fc.array(wording, { maxLength: 5 }), { minLength: 1, maxLength: 4 })
  .map((sections) => {
    let n = 0;
    return {
      title: { en: "Rules" },
      sections: sections.map((articles, s) => ({
        id: `sec-${s + 1}`,
        title: { en: `Section ${s + 1}` },
        articles: articles.map((w) => ({ id: `art-${++n}`, wording: w })),
      })),
    };
  });

/** An operation that applies to the text: a replace, insert or delete of a real place. */
const operationOn = (t: RulesText): fc.Arbitrary<Operation> => {
  const places = numberArticles(t);
  const choices: fc.Arbitrary<Operation>[] = [
    fc
      .record({
        sectionIndex: fc.nat({ max: t.sections.length - 1 }),
        position: fc.nat(),
        w: wording,
        id: fc.uuid(),
      })
      .map(({ sectionIndex, position, w, id }) => {
        const section = t.sections[sectionIndex] ?? t.sections[0];
        const articles = section?.articles ?? [];
        const at = position % (articles.length + 1);
        return {
          op: "insert" as const,
          sectionId: section?.id ?? "sec-1",
          after: at === 0 ? null : (articles[at - 1]?.id ?? null),
          article: { id: `new-${id}`, wording: w },
        };
      }),
  ];
  if (places.length > 0) {
    const id = fc.constantFrom(...places.map((p) => p.article.id));
    choices.push(
      fc
        .record({ articleId: id, w: wording })
        .map(({ articleId, w }) => ({ op: "replace" as const, articleId, wording: w })),
      id.map((articleId) => ({ op: "delete" as const, articleId })),
    );
  }
  return fc.oneof(...choices);
};

describe("operations on a text", () => {
  it("applying an operation and then its inverse gives back the same text", () => {
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), operationOn(t))),
        ([t, operation]) => {
          const after = applyOperation(t, operation);
          expect(after.ok).toBe(true);
          const inverse = inverseOperations(t, [operation]);
          expect(inverse).toBeDefined();
          const back = applyOperations(after.ok ? after.value : t, inverse ?? []);
          expect(back).toEqual({ ok: true, value: t });
        },
      ),
    );
  });

  it("keeps every other article's id and wording, and numbers articles 1..n in order", () => {
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), operationOn(t))),
        ([t, operation]) => {
          const after = applyOperation(t, operation);
          if (!after.ok) throw new Error("operation refused");
          const numbered = numberArticles(after.value);
          expect(numbered.map((p) => p.number)).toEqual(numbered.map((_, i) => i + 1));
          const touched = operation.op === "insert" ? operation.article.id : operation.articleId;
          const kept = numberArticles(t).filter((p) => p.article.id !== touched);
          for (const place of kept) {
            expect(numbered.find((p) => p.article.id === place.article.id)?.article).toEqual(place.article);
          }
        },
      ),
    );
  });
});
