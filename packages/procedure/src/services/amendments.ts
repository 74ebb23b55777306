import { err, LOCALES, type LocalizedText, ok, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createTranslator, type MessageKey } from "@dynamo/ui";
import { createAmendmentRepo, createVersionRepo, type StoredAmendment } from "../db/repo.ts";
import type { Asking, BaseContext, ProcedureContext } from "../deps.ts";
import * as rules from "../domain/amendment.ts";
import { applyOperations, type Operation } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import { procedureMessages } from "../messages.ts";
import { diffAsText } from "../text/compare.ts";
import { operationDiffs } from "./amendment-views.ts";
import type { ProcedureError } from "./errors.ts";
import { makeVersion, ownRegionalKey, publishChain } from "./rules.ts";
import { sender } from "./send.ts";

type Send = Awaited<ReturnType<typeof sender>>;

/** What an amendment proposes, as a member writes it (an inserted article's id is made here). */
export interface AmendmentInput {
  textKey: string;
  operations: Operation[];
  rationale: string;
}

const refused = (refusal: rules.AmendmentRefusal): Result<never, ProcedureError> => err({ kind: "refused", refusal });

/** The amendment as the hub tells every region after each change. */
export function statusDocument(a: StoredAmendment) {
  return {
    type: "AmendmentStatus",
    amendmentId: a.id,
    textKey: a.textKey,
    baseVersion: a.baseVersion,
    operations: a.operations,
    rationale: a.rationale,
    author: a.author,
    revision: a.revision,
    state: a.state,
    reason: a.reason,
    ballotId: a.ballotId,
    ballotUri: a.ballotUri,
    appliedVersion: a.appliedVersion,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

function proposalDocument(a: StoredAmendment) {
  return {
    type: "AmendmentProposal",
    amendmentId: a.id,
    textKey: a.textKey,
    baseVersion: a.baseVersion,
    operations: a.operations,
    rationale: a.rationale,
    author: a.author,
    revision: a.revision,
    proposedAt: a.updatedAt.toISOString(),
  };
}

/** Saves an amendment the hub changed and tells every region, in the caller's transaction. */
export async function saveAndAnnounce(tx: DbOrTx, ctx: BaseContext, send: Send, amendment: StoredAmendment) {
  await createAmendmentRepo(tx, ctx.tenant.id).save(amendment);
  await send(tx, "regions", statusDocument(amendment), `amendments/${amendment.id}`);
}

/**
 * Any member proposes an amendment, from their region, of the international ROI or of their
 * region's ROI in force: checked against the version in force here, kept, and sent to the hub
 * signed by the region (which vouches for its member).
 */
export async function proposeAmendment(
  ctx: ProcedureContext,
  asking: Asking,
  input: AmendmentInput,
): Promise<Result<StoredAmendment, ProcedureError>> {
  if (ctx.tenant.kind !== "region" || ctx.tenant.regionCode === null) return err({ kind: "wrong-text" });
  if (input.textKey !== "international" && input.textKey !== ownRegionalKey(ctx)) return err({ kind: "wrong-text" });
  const current = await createVersionRepo(ctx.db, ctx.tenant.id).current(input.textKey);
  if (current === undefined) return err({ kind: "no-version" });
  const applied = applyOperations(current.text, input.operations);
  if (!applied.ok) return err({ kind: "inapplicable", problem: applied.error });
  const now = ctx.clock();
  const draft: StoredAmendment = {
    id: ctx.newId(),
    textKey: input.textKey,
    baseVersion: current.number,
    operations: input.operations,
    rationale: input.rationale.trim(),
    state: "draft",
    reason: null,
    ballotId: null,
    ballotUri: null,
    author: { personId: asking.personId, name: asking.name, regionCode: ctx.tenant.regionCode },
    revision: 1,
    origin: "local",
    appliedVersion: null,
    createdAt: now,
    updatedAt: now,
  };
  const submitted = rules.submit(draft, { kind: "author" });
  if (!submitted.ok) return refused(submitted.error);
  const amendment: StoredAmendment = { ...draft, ...submitted.value };
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<StoredAmendment, ProcedureError>> => {
    await createAmendmentRepo(tx, ctx.tenant.id).save(amendment);
    if (!(await send(tx, "hub", proposalDocument(amendment), `amendments/${amendment.id}`)))
      return err({ kind: "not-peered" });
    return ok(amendment);
  });
  if (!result.ok) return result;
  ctx.exchange.wake();
  ctx.logger.info("amendment {amendmentId} of {textKey} proposed by {personId}", {
    amendmentId: amendment.id,
    textKey: amendment.textKey,
    personId: asking.personId,
  });
  return result;
}

/** The author withdraws their amendment (until it is scheduled); the hub is told, signed. */
export async function withdrawAmendment(
  ctx: ProcedureContext,
  asking: Asking,
  id: string,
): Promise<Result<StoredAmendment, ProcedureError>> {
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<StoredAmendment, ProcedureError>> => {
    const repo = createAmendmentRepo(tx, ctx.tenant.id);
    const amendment = await repo.lock(id);
    if (amendment === undefined) return err({ kind: "not-found" });
    const mine = amendment.origin === "local" && amendment.author.personId === asking.personId;
    const decided = rules.withdraw(amendment, { kind: mine ? "author" : "other" });
    if (!decided.ok) return refused(decided.error);
    const next: StoredAmendment = { ...amendment, ...decided.value, updatedAt: ctx.clock() };
    await repo.save(next);
    await send(
      tx,
      "hub",
      {
        type: "AmendmentWithdrawal",
        amendmentId: id,
        authorPersonId: asking.personId,
        withdrawnAt: next.updatedAt.toISOString(),
      },
      `amendments/${id}/withdrawal`,
    );
    return ok(next);
  });
  if (result.ok) ctx.exchange.wake();
  return result;
}

/** The author brings a stale amendment onto the version in force, with the wording they want now. */
export async function rebaseAmendment(
  ctx: ProcedureContext,
  asking: Asking,
  id: string,
  operations: Operation[],
): Promise<Result<StoredAmendment, ProcedureError>> {
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<StoredAmendment, ProcedureError>> => {
    const repo = createAmendmentRepo(tx, ctx.tenant.id);
    const amendment = await repo.lock(id);
    if (amendment === undefined) return err({ kind: "not-found" });
    const current = await createVersionRepo(tx, ctx.tenant.id).current(amendment.textKey);
    if (current === undefined) return err({ kind: "no-version" });
    const mine = amendment.origin === "local" && amendment.author.personId === asking.personId;
    const decided = rules.rebase(amendment, { kind: mine ? "author" : "other" }, current.number, operations);
    if (!decided.ok) return refused(decided.error);
    const applied = applyOperations(current.text, operations);
    if (!applied.ok) return err({ kind: "inapplicable", problem: applied.error });
    const next: StoredAmendment = { ...amendment, ...decided.value, updatedAt: ctx.clock() };
    await repo.save(next);
    await send(tx, "hub", proposalDocument(next), `amendments/${id}/r${next.revision}`);
    return ok(next);
  });
  if (result.ok) ctx.exchange.wake();
  return result;
}

/** The IPG secretariat finds an amendment admissible, or not with a reason; every region is told. */
export async function decideAdmissibility(
  ctx: ProcedureContext,
  id: string,
  decision: { admissible: boolean; reason: string },
): Promise<Result<StoredAmendment, ProcedureError>> {
  return hubChange(ctx, id, async (amendment) => {
    const decided = rules.decideAdmissibility(amendment, { kind: "secretariat" }, decision);
    return decided.ok ? ok({ ...amendment, ...decided.value }) : refused(decided.error);
  });
}

/** Changes one amendment at the hub through `decide`, saved and announced in one transaction. */
async function hubChange(
  ctx: ProcedureContext,
  id: string,
  decide: (amendment: StoredAmendment, tx: DbOrTx) => Promise<Result<StoredAmendment, ProcedureError>>,
): Promise<Result<StoredAmendment, ProcedureError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const send = await sender(ctx);
  const result = await ctx.db.transaction(async (tx): Promise<Result<StoredAmendment, ProcedureError>> => {
    const amendment = await createAmendmentRepo(tx, ctx.tenant.id).lock(id);
    if (amendment === undefined) return err({ kind: "not-found" });
    const decided = await decide(amendment, tx);
    if (!decided.ok) return decided;
    const next = { ...decided.value, updatedAt: ctx.clock() };
    await saveAndAnnounce(tx, ctx, send, next);
    return ok(next);
  });
  if (result.ok) ctx.exchange.wake();
  return result;
}

/** The ballot's question and text in the four languages: the amendment with its word diff. */
function ballotQuestion(
  amendment: StoredAmendment,
  base: RulesVersion,
): { title: LocalizedText; description: LocalizedText } {
  const title: LocalizedText = {};
  const description: LocalizedText = {};
  for (const locale of LOCALES) {
    const t = createTranslator(procedureMessages, locale);
    const text = t(
      `procedure.text.${amendment.textKey.startsWith("region-") ? "regional" : "international"}` as MessageKey,
      {
        region: t(`procedure.region.${amendment.textKey.slice(-2)}` as MessageKey),
      },
    );
    title[locale] = t("procedure.ballot.title", { text, author: amendment.author.name });
    const lines = [t("procedure.ballot.rationale", { rationale: amendment.rationale }), ""];
    for (const change of operationDiffs(base.text, amendment.operations, locale, true)) {
      lines.push(
        `${t(`procedure.ballot.${change.op}` as MessageKey, { number: change.number ?? "—" })} (${t(`procedure.language.${change.locale}` as MessageKey)})`,
        diffAsText(change.parts),
        "",
      );
    }
    description[locale] = lines.join("\n").trim();
  }
  return { title, description };
}

/**
 * The secretariat schedules an admissible amendment: its IPG ballot is opened through the ballots
 * area's entry point (the amendment and its diff as the ballot's text), and the amendment is
 * scheduled on it. A stale amendment is refused before any ballot opens.
 */
export async function scheduleAmendment(
  ctx: ProcedureContext,
  asking: Asking,
  id: string,
  timing: { closesAt: Date; graceMs: number },
): Promise<Result<StoredAmendment, ProcedureError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const amendment = await createAmendmentRepo(ctx.db, ctx.tenant.id).find(id);
  if (amendment === undefined) return err({ kind: "not-found" });
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  const current = await versions.current(amendment.textKey);
  if (current === undefined) return err({ kind: "no-version" });
  const check = rules.schedule(amendment, { kind: "secretariat" }, current.number, "pending");
  if (!check.ok) return refused(check.error);
  const question = ballotQuestion(amendment, current);
  const opened = await ctx.openBallot(ctx.tenant, asking, { ...question, ...timing });
  if (!opened.ok) return err({ kind: "ballot", reason: opened.error.kind });
  return hubChange(ctx, id, async (locked, tx) => {
    const now = await createVersionRepo(tx, ctx.tenant.id).current(locked.textKey);
    const decided = rules.schedule(locked, { kind: "secretariat" }, now?.number ?? 0, opened.value.ballotId);
    if (!decided.ok) return refused(decided.error);
    return ok({ ...locked, ...decided.value, ballotUri: opened.value.uri });
  });
}

/**
 * The secretariat applies an adopted amendment: the next version in force, hashed onto the
 * chain, sent to every region with the amendment's new state. On a superseded base the
 * secretariat's resolution (the wording and a note) is required and recorded.
 */
export async function applyAmendment(
  ctx: ProcedureContext,
  id: string,
  resolution: { operations: Operation[]; note: string } | undefined,
): Promise<Result<{ amendment: StoredAmendment; version: RulesVersion }, ProcedureError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const send = await sender(ctx);
  const result = await ctx.db.transaction(
    async (tx): Promise<Result<{ amendment: StoredAmendment; version: RulesVersion }, ProcedureError>> => {
      const repo = createAmendmentRepo(tx, ctx.tenant.id);
      const found = await repo.find(id);
      if (found === undefined) return err({ kind: "not-found" });
      const versions = createVersionRepo(tx, ctx.tenant.id);
      await versions.lockText(found.textKey);
      const amendment = await repo.lock(id);
      const current = await versions.current(found.textKey);
      if (amendment === undefined || current === undefined) return err({ kind: "not-found" });
      const decided = rules.apply(amendment, { kind: "secretariat" }, current.number, resolution);
      if (!decided.ok) return refused(decided.error);
      const text = applyOperations(current.text, decided.value.operations);
      if (!text.ok) return err({ kind: "inapplicable", problem: text.error });
      const version = makeVersion(ctx, current, {
        textKey: amendment.textKey,
        text: text.value,
        ballotId: amendment.ballotId,
        ballotUri: amendment.ballotUri,
        amendmentIds: [amendment.id],
      });
      await versions.add(version, ctx.newId(), ctx.clock());
      const next: StoredAmendment = {
        ...amendment,
        ...decided.value.amendment,
        appliedVersion: version.number,
        updatedAt: ctx.clock(),
      };
      await saveAndAnnounce(tx, ctx, send, next);
      await publishChain(tx, ctx, send, amendment.textKey);
      return ok({ amendment: next, version });
    },
  );
  if (!result.ok) return result;
  ctx.exchange.wake();
  ctx.logger.info("amendment {amendmentId} applied: {textKey} version {number}", {
    amendmentId: id,
    textKey: result.value.version.textKey,
    number: result.value.version.number,
  });
  return result;
}

/**
 * A ballot closed at the hub: the amendments scheduled on it are adopted or rejected and every
 * region is told. Idempotent: told twice, the second time changes nothing and sends nothing.
 */
export async function recordBallotOutcome(
  ctx: BaseContext & { db: ProcedureContext["db"] },
  ballotId: string,
  outcome: "adopted" | "rejected" | "no-quorum",
): Promise<number> {
  const send = await sender(ctx);
  const changed = await ctx.db.transaction(async (tx) => {
    const repo = createAmendmentRepo(tx, ctx.tenant.id);
    let count = 0;
    for (const found of await repo.byBallot(ballotId)) {
      const amendment = await repo.lock(found.id);
      if (amendment === undefined) continue;
      const next = rules.recordOutcome(amendment, ballotId, outcome);
      if (!next.changed) continue;
      await saveAndAnnounce(tx, ctx, send, { ...amendment, ...next.amendment, updatedAt: ctx.clock() });
      count++;
    }
    return count;
  });
  if (changed > 0) ctx.exchange.wake();
  return changed;
}
