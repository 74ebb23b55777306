import { err, LOCALES, type LocalizedText, ok, type Result } from "@dynamo/core";
import { createTranslator, type MessageKey } from "@dynamo/ui";
import { createDraftRepo, createVersionRepo, type DraftComment, type RegionalDraft } from "../db/repo.ts";
import type { Asking, BaseContext, ProcedureContext } from "../deps.ts";
import { findArticle } from "../domain/text.ts";
import { procedureMessages } from "../messages.ts";
import type { ProcedureError } from "./errors.ts";
import { makeVersion, ownRegionalKey, publishChain } from "./rules.ts";
import { sender } from "./send.ts";

/** The regional ROI being drafted here (a region), or those the regions submitted (the hub). */
export async function listDrafts(ctx: ProcedureContext): Promise<RegionalDraft[]> {
  return createDraftRepo(ctx.db, ctx.tenant.id).list();
}

export async function getDraft(
  ctx: ProcedureContext,
  textKey: string,
): Promise<{ draft: RegionalDraft; comments: DraftComment[] } | undefined> {
  const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
  const draft = await drafts.find(textKey);
  if (draft === undefined) return undefined;
  return { draft, comments: await drafts.comments(textKey) };
}

/** A member of the region comments one article of the draft (while it is being drafted). */
export async function commentDraft(
  ctx: ProcedureContext,
  asking: Asking,
  articleId: string,
  body: string,
): Promise<Result<DraftComment, ProcedureError>> {
  const textKey = ownRegionalKey(ctx);
  if (textKey === undefined) return err({ kind: "wrong-text" });
  const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
  const draft = await drafts.find(textKey);
  if (draft === undefined || findArticle(draft.text, articleId) === undefined) return err({ kind: "not-found" });
  if (draft.state !== "draft")
    return err({ kind: "refused", refusal: { kind: "wrong-state", state: "submitted", wanted: "comment" } });
  const comment: DraftComment = {
    id: ctx.newId(),
    articleId,
    personId: asking.personId,
    authorName: asking.name,
    body: body.trim(),
    createdAt: ctx.clock(),
  };
  await drafts.comment(textKey, comment);
  return ok(comment);
}

/** The coordinator submits the region's draft to the hub for an IPG ballot, signed by the region. */
export async function submitDraft(ctx: ProcedureContext): Promise<Result<RegionalDraft, ProcedureError>> {
  const textKey = ownRegionalKey(ctx);
  if (textKey === undefined) return err({ kind: "wrong-text" });
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<RegionalDraft, ProcedureError>> => {
    const drafts = createDraftRepo(tx, ctx.tenant.id);
    const draft = await drafts.find(textKey);
    if (draft === undefined) return err({ kind: "not-found" });
    if (draft.state !== "draft" && draft.state !== "rejected")
      return err({ kind: "refused", refusal: { kind: "wrong-state", state: "submitted", wanted: "submit" } });
    const next: RegionalDraft = { ...draft, state: "submitted", updatedAt: ctx.clock() };
    await drafts.save(next, ctx.newId());
    const sent = await send(
      tx,
      "hub",
      { type: "RegionalDraftSubmission", textKey, text: draft.text, submittedAt: next.updatedAt.toISOString() },
      `drafts/${textKey}`,
    );
    if (!sent) return err({ kind: "not-peered" });
    return ok(next);
  });
  if (result.ok) ctx.exchange.wake();
  return result;
}

/** The secretariat puts a submitted regional ROI to an IPG ballot. */
export async function scheduleDraft(
  ctx: ProcedureContext,
  asking: Asking,
  textKey: string,
  timing: { closesAt: Date; graceMs: number },
): Promise<Result<RegionalDraft, ProcedureError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
  const draft = await drafts.find(textKey);
  if (draft === undefined) return err({ kind: "not-found" });
  if (draft.state !== "submitted")
    return err({ kind: "refused", refusal: { kind: "wrong-state", state: "scheduled", wanted: "schedule" } });
  const title: LocalizedText = {};
  const description: LocalizedText = {};
  for (const locale of LOCALES) {
    const t = createTranslator(procedureMessages, locale);
    const region = t(`procedure.region.${textKey.slice(-2)}` as MessageKey);
    title[locale] = t("procedure.ballot.regional", { region });
    description[locale] = t("procedure.ballot.regionalText", {
      region,
      articles: draft.text.sections.reduce((n, s) => n + s.articles.length, 0),
    });
  }
  const opened = await ctx.openBallot(ctx.tenant, asking, { title, description, ...timing });
  if (!opened.ok) return err({ kind: "ballot", reason: opened.error.kind });
  const send = await sender(ctx);
  const next: RegionalDraft = {
    ...draft,
    state: "scheduled",
    ballotId: opened.value.ballotId,
    ballotUri: opened.value.uri,
    updatedAt: ctx.clock(),
  };
  await ctx.db.transaction(async (tx) => {
    await createDraftRepo(tx, ctx.tenant.id).save(next, ctx.newId());
    await tellRegion(tx, ctx, send, next);
  });
  ctx.exchange.wake();
  return ok(next);
}

async function tellRegion(
  tx: Parameters<Awaited<ReturnType<typeof sender>>>[0],
  ctx: BaseContext,
  send: Awaited<ReturnType<typeof sender>>,
  draft: RegionalDraft,
) {
  const region = draft.textKey.slice(-2);
  const peer = (await ctx.exchange.peers(tx, ctx.tenant)).find((p) => p.regionCode === region);
  if (peer === undefined) return;
  await send(
    tx,
    [{ actorId: peer.actorId, inbox: peer.inbox }],
    {
      type: "RegionalDraftStatus",
      textKey: draft.textKey,
      state: draft.state === "draft" ? "submitted" : draft.state,
      ballotUri: draft.ballotUri,
      at: draft.updatedAt.toISOString(),
    },
    `drafts/${draft.textKey}/status`,
  );
}

/**
 * A ballot closed at the hub: a regional ROI scheduled on it is adopted (its first version in
 * force, signed to every region) or rejected. Idempotent: a draft no longer scheduled is left alone.
 */
export async function recordDraftOutcome(
  ctx: BaseContext & { db: ProcedureContext["db"] },
  ballotId: string,
  ballotUri: string,
  outcome: "adopted" | "rejected" | "no-quorum",
): Promise<boolean> {
  const send = await sender(ctx);
  const changed = await ctx.db.transaction(async (tx) => {
    const drafts = createDraftRepo(tx, ctx.tenant.id);
    const draft = await drafts.byBallot(ballotId);
    if (draft === undefined || draft.state !== "scheduled") return false;
    const versions = createVersionRepo(tx, ctx.tenant.id);
    await versions.lockText(draft.textKey);
    const adopted = outcome === "adopted";
    const next: RegionalDraft = { ...draft, state: adopted ? "adopted" : "rejected", updatedAt: ctx.clock() };
    await drafts.save(next, ctx.newId());
    if (adopted) {
      const current = await versions.current(draft.textKey);
      const version = makeVersion(ctx, current, {
        textKey: draft.textKey,
        text: draft.text,
        ballotId,
        ballotUri,
        amendmentIds: [],
      });
      await versions.add(version, ctx.newId(), ctx.clock());
      await publishChain(tx, ctx, send, draft.textKey);
    }
    await tellRegion(tx, ctx, send, next);
    return true;
  });
  if (changed) ctx.exchange.wake();
  return changed;
}
