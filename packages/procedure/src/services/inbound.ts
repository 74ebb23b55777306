import type { Db, Tx } from "@dynamo/db";
import type { Handled, InboundContext, ReceivedMessage } from "@dynamo/federation";
import { getLogger } from "@logtape/logtape";
import { createAmendmentRepo, createDraftRepo, createVersionRepo, type StoredAmendment } from "../db/repo.ts";
import type { BaseContext } from "../deps.ts";
import * as rules from "../domain/amendment.ts";
import { applyOperations } from "../domain/text.ts";
import { checkChain, type HashFunction } from "../domain/version.ts";
import type {
  AmendmentProposalMessage,
  AmendmentStatusMessage,
  AmendmentWithdrawalMessage,
  RegionalDraftStatusMessage,
  RegionalDraftSubmissionMessage,
  RulesChainMessage,
} from "../wire.ts";
import { saveAndAnnounce } from "./amendments.ts";
import { sender } from "./send.ts";

const refuse = (refused: string, detail?: string): Handled =>
  detail === undefined ? { refused } : { refused, detail };

const base = (ctx: InboundContext, hash: HashFunction): BaseContext => ({
  db: ctx.db,
  clock: ctx.clock,
  newId: ctx.newId,
  hash,
  exchange: ctx.exchange,
  tenant: ctx.tenant,
  logger: getLogger(["dynamo", "procedure"]),
});

/** The texts a region may speak for: the international ROI and its own. */
const mayAmend = (textKey: string, regionCode: string | null) =>
  textKey === "international" || textKey === `region-${regionCode}`;

/**
 * At the hub: a member's amendment (or its rebased revision), vouched for by their region. The
 * region must be the author's; the text the international ROI or that region's own; the
 * operations must apply to the version they name. Kept and told to every region.
 */
export async function receiveProposal(
  ctx: InboundContext<Db>,
  hash: HashFunction,
  message: ReceivedMessage<AmendmentProposalMessage>,
): Promise<Handled> {
  const doc = message.document;
  if (ctx.peer.role !== "region" || ctx.peer.regionCode !== doc.author.regionCode)
    return refuse("author-not-of-sender", `${doc.author.regionCode} sent by ${ctx.peer.regionCode}`);
  if (!mayAmend(doc.textKey, ctx.peer.regionCode)) return refuse("text-not-of-sender", doc.textKey);
  const c = base(ctx, hash);
  const send = await sender(c);
  return ctx.db.transaction(async (tx): Promise<Handled> => {
    const repo = createAmendmentRepo(tx, ctx.tenant.id);
    const versions = createVersionRepo(tx, ctx.tenant.id);
    const existing = await repo.lock(doc.amendmentId);
    const version = await versions.find(doc.textKey, doc.baseVersion);
    if (version === undefined) return refuse("unknown-version", `${doc.textKey} v${doc.baseVersion}`);
    const applied = applyOperations(version.text, doc.operations);
    if (!applied.ok) return refuse("inapplicable", applied.error.kind);
    const now = ctx.clock();
    if (existing !== undefined) {
      if (existing.author.personId !== doc.author.personId || existing.author.regionCode !== doc.author.regionCode)
        return refuse("author-mismatch", doc.amendmentId);
      if (doc.revision <= existing.revision) return undefined; // already kept
      const current = await versions.current(doc.textKey);
      const decided = rules.rebase(existing, { kind: "author" }, current?.number ?? 0, doc.operations);
      if (!decided.ok) return refuse(decided.error.kind, doc.amendmentId);
      if (decided.value.baseVersion !== doc.baseVersion) return refuse("wrong-base", `${doc.baseVersion}`);
      await saveAndAnnounce(tx, c, send, { ...existing, ...decided.value, updatedAt: now });
      return undefined;
    }
    const amendment: StoredAmendment = {
      id: doc.amendmentId,
      textKey: doc.textKey,
      baseVersion: doc.baseVersion,
      operations: doc.operations,
      rationale: doc.rationale,
      state: "submitted",
      reason: null,
      ballotId: null,
      ballotUri: null,
      author: doc.author,
      revision: doc.revision,
      origin: "region",
      appliedVersion: null,
      createdAt: new Date(doc.proposedAt),
      updatedAt: now,
    };
    await saveAndAnnounce(tx, c, send, amendment);
    return undefined;
  });
}

/** At the hub: the author withdraws, through their region; checked like the proposal. */
export async function receiveWithdrawal(
  ctx: InboundContext<Db>,
  hash: HashFunction,
  message: ReceivedMessage<AmendmentWithdrawalMessage>,
): Promise<Handled> {
  const doc = message.document;
  const c = base(ctx, hash);
  const send = await sender(c);
  return ctx.db.transaction(async (tx): Promise<Handled> => {
    const amendment = await createAmendmentRepo(tx, ctx.tenant.id).lock(doc.amendmentId);
    if (amendment === undefined) return refuse("unknown-amendment", doc.amendmentId);
    const isAuthor =
      ctx.peer.regionCode === amendment.author.regionCode && doc.authorPersonId === amendment.author.personId;
    if (amendment.state === "withdrawn" && isAuthor) return undefined;
    const decided = rules.withdraw(amendment, { kind: isAuthor ? "author" : "other" });
    if (!decided.ok) return refuse(decided.error.kind, doc.amendmentId);
    await saveAndAnnounce(tx, c, send, { ...amendment, ...decided.value, updatedAt: ctx.clock() });
    return undefined;
  });
}

/** At a region: the hub's copy of an amendment; an older copy than the one kept changes nothing. */
export async function receiveStatus(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<AmendmentStatusMessage>,
): Promise<Handled> {
  if (ctx.peer.role !== "hub") return refuse("not-from-hub");
  const doc = message.document;
  const repo = createAmendmentRepo(ctx.db, ctx.tenant.id);
  const existing = await repo.lock(doc.amendmentId);
  const updatedAt = new Date(doc.updatedAt);
  if (existing !== undefined && existing.origin !== "local" && existing.updatedAt > updatedAt) return undefined;
  await repo.save({
    id: doc.amendmentId,
    textKey: doc.textKey,
    baseVersion: doc.baseVersion,
    operations: doc.operations,
    rationale: doc.rationale,
    state: doc.state,
    reason: doc.reason,
    ballotId: doc.ballotId,
    ballotUri: doc.ballotUri,
    author: doc.author,
    revision: doc.revision,
    origin: existing?.origin ?? "hub",
    appliedVersion: doc.appliedVersion,
    createdAt: new Date(doc.createdAt),
    updatedAt,
  });
  return undefined;
}

/**
 * At a region: a text's chain of versions, signed by the hub. The whole chain is checked (numbers,
 * each version naming the hash before, each hash its content's) and must agree with what is kept;
 * then the versions not yet kept are added. A chain that does not check is refused, nothing kept.
 */
export async function receiveChain(
  ctx: InboundContext<Tx>,
  hash: HashFunction,
  message: ReceivedMessage<RulesChainMessage>,
): Promise<Handled> {
  if (ctx.peer.role !== "hub") return refuse("not-from-hub");
  const doc = message.document;
  const chain = doc.versions.map((v) => ({
    ...v,
    inForceSince: v.inForceSince === null ? null : new Date(v.inForceSince),
  }));
  if (chain.some((v) => v.textKey !== doc.textKey)) return refuse("mixed-chain", doc.textKey);
  const problem = checkChain(chain, hash);
  if (problem !== undefined) return refuse(`chain-${problem.kind}`, `${doc.textKey}: ${JSON.stringify(problem)}`);
  const versions = createVersionRepo(ctx.db, ctx.tenant.id);
  await versions.lockText(doc.textKey);
  const kept = await versions.list(doc.textKey);
  for (const version of kept) {
    if (chain[version.number - 1]?.hash !== version.hash && version.number <= chain.length)
      return refuse("chain-diverges", `${doc.textKey} v${version.number}`);
  }
  for (const version of chain.slice(kept.length)) {
    await versions.add({ ...version, status: "in-force" }, ctx.newId(), ctx.clock());
  }
  if (doc.textKey === `region-${ctx.tenant.regionCode}`) {
    const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
    const draft = await drafts.find(doc.textKey);
    const last = chain.at(-1);
    if (draft !== undefined && draft.state !== "adopted" && last !== undefined && last.number === 1)
      await drafts.save({ ...draft, state: "adopted", ballotUri: last.ballotUri, updatedAt: ctx.clock() }, ctx.newId());
  }
  return undefined;
}

/** At the hub: a region's ROI for the IPG, from that region only. */
export async function receiveDraftSubmission(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<RegionalDraftSubmissionMessage>,
): Promise<Handled> {
  const doc = message.document;
  if (ctx.peer.role !== "region" || doc.textKey !== `region-${ctx.peer.regionCode}`)
    return refuse("text-not-of-sender", doc.textKey);
  if ((await createVersionRepo(ctx.db, ctx.tenant.id).current(doc.textKey)) !== undefined)
    return refuse("already-in-force", doc.textKey);
  const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
  const existing = await drafts.find(doc.textKey);
  if (existing !== undefined && existing.state === "scheduled") return refuse("already-scheduled", doc.textKey);
  await drafts.save(
    {
      textKey: doc.textKey,
      text: doc.text,
      state: "submitted",
      ballotId: null,
      ballotUri: null,
      updatedAt: ctx.clock(),
    },
    ctx.newId(),
  );
  return undefined;
}

/** At a region: where the IPG is with its ROI. */
export async function receiveDraftStatus(
  ctx: InboundContext<Tx>,
  message: ReceivedMessage<RegionalDraftStatusMessage>,
): Promise<Handled> {
  const doc = message.document;
  if (ctx.peer.role !== "hub") return refuse("not-from-hub");
  if (doc.textKey !== `region-${ctx.tenant.regionCode}`) return refuse("not-our-text", doc.textKey);
  const drafts = createDraftRepo(ctx.db, ctx.tenant.id);
  const draft = await drafts.find(doc.textKey);
  if (draft === undefined) return refuse("unknown-draft", doc.textKey);
  if (draft.state === "adopted") return undefined;
  await drafts.save({ ...draft, state: doc.state, ballotUri: doc.ballotUri, updatedAt: ctx.clock() }, ctx.newId());
  return undefined;
}
