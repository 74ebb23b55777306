import { LOCALES, type Locale } from "@dynamo/core";
import { createAmendmentRepo, createVersionRepo, type StoredAmendment } from "../db/repo.ts";
import type { ProcedureContext } from "../deps.ts";
import * as rules from "../domain/amendment.ts";
import { findArticle, type Operation, type RulesText } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import { type DiffPart, wordDiff } from "../text/compare.ts";

/** The languages an operation writes: a replace's given languages, an insert's, a delete's every one. */
function languagesOf(text: RulesText, operation: Operation): Locale[] {
  if (operation.op === "replace") return LOCALES.filter((l) => l in operation.wording);
  if (operation.op === "insert") return LOCALES.filter((l) => operation.article.wording[l] !== undefined);
  const wording = findArticle(text, operation.articleId)?.article.wording ?? {};
  return LOCALES.filter((l) => wording[l] !== undefined);
}

/**
 * Each operation of an amendment shown against the text it applies to: in the reader's language
 * when the operation writes it, else in the first language it writes (or, with `every`, one diff
 * per language it writes, the reader's first).
 */
export function operationDiffs(
  text: RulesText,
  operations: readonly Operation[],
  locale: Locale,
  every = false,
): { op: Operation["op"]; articleId: string; number: number | undefined; locale: Locale; parts: DiffPart[] }[] {
  return operations.flatMap((operation) => {
    const articleId = operation.op === "insert" ? operation.article.id : operation.articleId;
    const place = findArticle(text, articleId);
    const before = place?.article.wording ?? {};
    const after: Partial<Record<Locale, string | null>> =
      operation.op === "replace"
        ? { ...before, ...operation.wording }
        : operation.op === "insert"
          ? operation.article.wording
          : {};
    const written = languagesOf(text, operation);
    const ordered = written.includes(locale) ? [locale, ...written.filter((l) => l !== locale)] : written;
    const chosen = every ? ordered : ordered.slice(0, 1);
    return (chosen.length === 0 ? [locale] : chosen).map((lang) => ({
      op: operation.op,
      articleId,
      number: place?.number,
      locale: lang,
      parts: wordDiff(before[lang] ?? "", after[lang] ?? "", lang),
    }));
  });
}

/** An amendment as pages and the API show it: stale or not, what it conflicts with. */
export interface AmendmentView {
  amendment: StoredAmendment;
  stale: boolean;
  conflictsWith: string[];
}

export async function listAmendments(ctx: ProcedureContext, textKey?: string): Promise<AmendmentView[]> {
  const all = await createAmendmentRepo(ctx.db, ctx.tenant.id).list(textKey);
  const conflicts = rules.conflicts(all);
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  const current = new Map<string, number>();
  for (const key of new Set(all.map((a) => a.textKey))) current.set(key, (await versions.current(key))?.number ?? 0);
  return all.map((amendment) => ({
    amendment,
    stale:
      rules.OPEN_STATES.includes(amendment.state) && amendment.state !== "adopted"
        ? rules.isStale(amendment, current.get(amendment.textKey) ?? 0)
        : false,
    conflictsWith: conflicts.get(amendment.id) ?? [],
  }));
}

/** One amendment with its diff against its base, and (when stale) the wording in force now beside it. */
export interface AmendmentDetail extends AmendmentView {
  base: RulesVersion | undefined;
  current: RulesVersion | undefined;
}

export async function getAmendment(ctx: ProcedureContext, id: string): Promise<AmendmentDetail | undefined> {
  const views = await listAmendments(ctx);
  const view = views.find((v) => v.amendment.id === id);
  if (view === undefined) return undefined;
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  return {
    ...view,
    base: await versions.find(view.amendment.textKey, view.amendment.baseVersion),
    current: await versions.current(view.amendment.textKey),
  };
}
