import { err, type Locale, ok, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createAmendmentRepo, createDraftRepo, createVersionRepo, type StoredAmendment } from "../db/repo.ts";
import type { BaseContext, ProcedureContext } from "../deps.ts";
import { numberArticles, type RulesText, type TextKey } from "../domain/text.ts";
import { type RulesVersion, versionHash } from "../domain/version.ts";
import { type ArticleChange, compareTexts, type DiffPart, wordDiff } from "../text/compare.ts";
import { importMarkdown } from "../text/markdown.ts";
import type { ProcedureError } from "./errors.ts";
import { sender } from "./send.ts";

/** The texts a tenant may read: the international ROI, its region's, and every region's in force. */
export function ownRegionalKey(ctx: Pick<BaseContext, "tenant">): TextKey | undefined {
  return ctx.tenant.regionCode === null ? undefined : `region-${ctx.tenant.regionCode}`;
}

/** Every text this node keeps a version of, each with its version in force. */
export async function listRules(ctx: ProcedureContext): Promise<RulesVersion[]> {
  return createVersionRepo(ctx.db, ctx.tenant.id).texts();
}

export async function listVersions(ctx: ProcedureContext, textKey: string): Promise<RulesVersion[]> {
  return createVersionRepo(ctx.db, ctx.tenant.id).list(textKey);
}

/** A version by number, or the version in force when no number is given. */
export async function getVersion(
  ctx: ProcedureContext,
  textKey: string,
  number?: number,
): Promise<RulesVersion | undefined> {
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  return number === undefined ? versions.current(textKey) : versions.find(textKey, number);
}

/**
 * The first version of a text, from Markdown in one or more languages. At the hub: the
 * international ROI, in force at once and sent to every region. At a region: its coordinator's
 * draft of the regional ROI (in force only once the IPG adopts it).
 */
export async function importRules(
  ctx: ProcedureContext,
  textKey: string,
  documents: Partial<Record<Locale, string>>,
): Promise<Result<{ kind: "version"; version: RulesVersion } | { kind: "draft"; text: RulesText }, ProcedureError>> {
  const read = importMarkdown(documents);
  if (!read.ok) return err({ kind: "import", problem: read.problem });
  if (ctx.tenant.kind === "region") {
    if (textKey !== ownRegionalKey(ctx)) return err({ kind: "wrong-text" });
    const result = await ctx.db.transaction(async (tx): Promise<Result<RulesText, ProcedureError>> => {
      if ((await createVersionRepo(tx, ctx.tenant.id).current(textKey)) !== undefined)
        return err({ kind: "already-in-force" });
      const drafts = createDraftRepo(tx, ctx.tenant.id);
      const existing = await drafts.find(textKey);
      if (existing !== undefined && existing.state !== "draft" && existing.state !== "rejected")
        return err({ kind: "already-in-force" });
      await drafts.save(
        { textKey, text: read.text, state: "draft", ballotId: null, ballotUri: null, updatedAt: ctx.clock() },
        ctx.newId(),
      );
      return ok(read.text);
    });
    return result.ok ? ok({ kind: "draft", text: result.value }) : result;
  }
  if (textKey !== "international") return err({ kind: "wrong-text" });
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<RulesVersion, ProcedureError>> => {
    const versions = createVersionRepo(tx, ctx.tenant.id);
    await versions.lockText(textKey);
    if ((await versions.current(textKey)) !== undefined) return err({ kind: "already-in-force" });
    const version = makeVersion(ctx, undefined, {
      textKey,
      text: read.text,
      ballotId: null,
      ballotUri: null,
      amendmentIds: [],
    });
    await versions.add(version, ctx.newId(), ctx.clock());
    await publishChain(tx, ctx, send, textKey);
    return ok(version);
  });
  if (!result.ok) return result;
  ctx.exchange.wake();
  ctx.logger.info("rules {textKey} imported as version 1", { textKey });
  return ok({ kind: "version", version: result.value });
}

/** The next version in force after `last`, hashed onto the chain. */
export function makeVersion(
  ctx: Pick<ProcedureContext, "clock" | "hash">,
  last: RulesVersion | undefined,
  content: Pick<RulesVersion, "textKey" | "text" | "ballotId" | "ballotUri" | "amendmentIds">,
): RulesVersion {
  const body = {
    ...content,
    number: (last?.number ?? 0) + 1,
    inForceSince: ctx.clock(),
    previousHash: last?.hash ?? null,
  };
  return { ...body, status: "in-force", hash: versionHash(body, ctx.hash) };
}

/** Sends a text's whole chain of versions to every region (the hub only). */
export async function publishChain(
  tx: DbOrTx,
  ctx: BaseContext,
  send: Awaited<ReturnType<typeof sender>>,
  textKey: string,
): Promise<void> {
  const versions = await createVersionRepo(tx, ctx.tenant.id).list(textKey);
  const last = versions.at(-1);
  if (last === undefined) return;
  await send(
    tx,
    "regions",
    {
      type: "RulesChain",
      textKey,
      versions: versions.map((v) => ({
        textKey: v.textKey,
        number: v.number,
        text: v.text,
        inForceSince: v.inForceSince?.toISOString() ?? null,
        ballotId: v.ballotId,
        ballotUri: v.ballotUri,
        amendmentIds: v.amendmentIds,
        previousHash: v.previousHash,
        hash: v.hash,
      })),
      publishedAt: ctx.clock().toISOString(),
    },
    `rules/${textKey}/v${last.number}`,
  );
}

/** Two versions of a text compared article by article. */
export async function compareVersions(
  ctx: ProcedureContext,
  textKey: string,
  from: number,
  to: number,
  locale: Locale,
): Promise<Result<{ from: RulesVersion; to: RulesVersion; changes: ArticleChange[] }, ProcedureError>> {
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  const [a, b] = await Promise.all([versions.find(textKey, from), versions.find(textKey, to)]);
  if (a === undefined || b === undefined) return err({ kind: "not-found" });
  return ok({ from: a, to: b, changes: compareTexts(a.text, b.text, locale) });
}

/** One step of an article's history: the version that changed it, by which amendment and ballot. */
export interface HistoryEntry {
  version: number;
  number: number | undefined;
  change: "created" | "changed" | "removed";
  inForceSince: Date | null;
  ballotId: string | null;
  ballotUri: string | null;
  amendments: Pick<StoredAmendment, "id" | "author" | "rationale" | "reason">[];
  parts: DiffPart[];
}

export async function articleHistory(
  ctx: ProcedureContext,
  textKey: string,
  articleId: string,
  locale: Locale,
): Promise<Result<HistoryEntry[], ProcedureError>> {
  const versions = await createVersionRepo(ctx.db, ctx.tenant.id).list(textKey);
  const amendments = await createAmendmentRepo(ctx.db, ctx.tenant.id).list(textKey);
  const entries: HistoryEntry[] = [];
  let previous: string | undefined;
  for (const version of versions) {
    const place = numberArticles(version.text).find((p) => p.article.id === articleId);
    const now = place === undefined ? undefined : JSON.stringify(place.article.wording);
    if (now === previous) continue;
    const before = previous === undefined ? {} : (JSON.parse(previous) as Partial<Record<Locale, string>>);
    const after = place?.article.wording ?? {};
    const lang: Locale = after[locale] !== undefined || before[locale] !== undefined ? locale : "en";
    entries.push({
      version: version.number,
      number: place?.number,
      change: place === undefined ? "removed" : previous === undefined ? "created" : "changed",
      inForceSince: version.inForceSince,
      ballotId: version.ballotId,
      ballotUri: version.ballotUri,
      amendments: amendments
        .filter((a) => version.amendmentIds.includes(a.id))
        .map((a) => ({ id: a.id, author: a.author, rationale: a.rationale, reason: a.reason })),
      parts: wordDiff(before[lang] ?? "", after[lang] ?? "", lang),
    });
    previous = now;
  }
  if (entries.length === 0) return err({ kind: "not-found" });
  return ok(entries);
}
