import {
  createReceivedRepo,
  createReportExchangeRepo,
  createReportRepo,
  type ReportJson,
  reportFromJson,
} from "@dynamo/db";
import { applyReportAction, type Report } from "@dynamo/domain";
import type { ReportsContext } from "../deps.ts";
import {
  type DecisionMessage,
  type PublicationMessage,
  ReportMessageSchema,
  type SubmissionMessage,
} from "../wire/messages.ts";
import { importMultikey, verifyDocument } from "../wire/proof.ts";

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/** Why a peer's report message was refused. Nothing but the refusal is recorded when it is. */
export type InboundRefusal =
  | "malformed"
  | "not-for-this-node"
  | "untrusted-sender"
  | "actor-mismatch"
  | "bad-proof"
  | "wrong-region"
  | "unknown-report"
  | "not-applicable";

export type InboundOutcome =
  | { ok: true; outcome: "recorded" | "duplicate" }
  | { ok: false; reason: InboundRefusal; detail?: string };

export interface InboundMessage {
  /** The actor whose HTTP signature the federation layer checked. */
  sender: string;
  /** The activity that carried the document, when the federation names it. */
  activityId?: string | undefined;
  document: unknown;
  receivedAt: Date;
}

/**
 * A reports message arrived from `sender`. Shape first (zod), then: the sender is a trusted
 * peer, the message names the sender as its actor, its integrity proof verifies with a key the
 * sender's actor document publishes, and what it says is the sender's to say (a region submits
 * only its own region's report). A refused message changes nothing; the refusal is logged and
 * kept with the tenant's other refused messages (who sent it, which activity, why), in the
 * caller's transaction.
 */
export async function receiveReportMessage(ctx: ReportsContext, input: InboundMessage): Promise<InboundOutcome> {
  const outcome = await receive(ctx, input);
  if (!outcome.ok) await recordRefusal(ctx, input, outcome);
  return outcome;
}

const refuse = (reason: InboundRefusal, detail?: string): InboundOutcome =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

async function receive(ctx: ReportsContext, input: InboundMessage): Promise<InboundOutcome> {
  const parsed = ReportMessageSchema.safeParse(input.document);
  if (!parsed.success) {
    return refuse(
      "malformed",
      parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join(".") || "(document)"}: ${issue.message}`)
        .join("; "),
    );
  }
  const message = parsed.data;
  if (message.actor !== input.sender) return refuse("actor-mismatch", `the message names ${message.actor}`);
  const network = ctx.network;
  if (network === undefined) return refuse("not-for-this-node", "this node has no federation");
  const isHub = ctx.tenant.kind === "hub";
  if ((message.type === "ReportSubmission") !== isHub)
    return refuse("not-for-this-node", `${message.type} to a ${ctx.tenant.kind}`);
  const peer = (await network.peers(ctx.db, ctx.tenant)).find((p) => p.actorId === input.sender);
  // The hub trusts peered regions whose region it knows; a region trusts only its hub.
  const region = peer?.regionCode ?? undefined;
  const trusted = peer !== undefined && (isHub ? region !== undefined : peer.role === "hub");
  if (!trusted) return refuse("untrusted-sender", peer === undefined ? "not an active peer" : "its region is unknown");
  const verified = await verifyDocument(input.document as Record<string, unknown>, async (keyId) => {
    // Only a key of the sender's own origin can speak for the sender.
    if (!sameOrigin(keyId, input.sender)) return undefined;
    const found = await network.resolveKey(ctx.tenant, keyId);
    const publicKey = found && (await importMultikey(found.publicKeyMultibase));
    return found && publicKey && { controller: found.controller, publicKey };
  });
  if (!verified.ok) {
    const { error } = verified;
    return refuse("bad-proof", "keyId" in error ? `${error.kind} (${error.keyId})` : error.kind);
  }
  if (verified.controller !== input.sender) return refuse("actor-mismatch", `signed by ${verified.controller}`);
  const signedJson = JSON.stringify(input.document);
  switch (message.type) {
    case "ReportSubmission":
      if (message.report.region !== region) {
        return refuse("wrong-region", `report of ${message.report.region} from the peer of ${region}`);
      }
      return recordSubmission(ctx, message, { ...input, keyId: verified.keyId, signedJson });
    case "ReportDecision":
      return recordDecision(ctx, message, { ...input, signedJson });
    case "ReportPublication":
      return recordPublication(ctx, message, { ...input, signedJson });
  }
}

/** Logs a refused message and keeps it where the tenant's admins see every refused message. */
async function recordRefusal(
  ctx: ReportsContext,
  input: InboundMessage,
  refusal: { reason: InboundRefusal; detail?: string },
): Promise<void> {
  const document = typeof input.document === "object" && input.document !== null ? input.document : {};
  const field = (name: string) => {
    const value = (document as Record<string, unknown>)[name];
    return typeof value === "string" ? value : null;
  };
  const messageId = field("id");
  // The carrying activity names the message best; without it, the message's own id.
  const activityId = input.activityId ?? messageId;
  const detail = [input.activityId !== undefined && messageId !== null ? `message ${messageId}` : null, refusal.detail]
    .filter((part) => part !== null && part !== undefined)
    .join("; ");
  ctx.logger.warning("refused report message {activityId} from {sender}: {reason}", {
    sender: input.sender,
    activityId,
    reason: refusal.reason,
    detail,
  });
  await createReceivedRepo(ctx.db, ctx.tenant.id).refuse(
    ctx.newId(),
    {
      reason: refusal.reason,
      activityId: activityId?.slice(0, 2000) ?? null,
      actorId: input.sender.slice(0, 2000),
      type: field("type")?.slice(0, 64) ?? null,
      detail: detail === "" ? null : detail.slice(0, 1000),
    },
    ctx.clock(),
  );
}

async function recordSubmission(
  ctx: ReportsContext,
  message: SubmissionMessage,
  meta: { sender: string; receivedAt: Date; keyId: string; signedJson: string },
): Promise<InboundOutcome> {
  const report = reportFromJson(message.report as ReportJson);
  if (report.state !== "submitted" || report.history.at(-1)?.revision !== report.revision) {
    return refuse("not-applicable", `report ${report.id} is not a submitted revision`);
  }
  return ctx.db.transaction(async (tx) => {
    const fresh = await createReportExchangeRepo(tx, ctx.tenant.id).recordSubmission({
      id: ctx.newId(),
      reportId: report.id,
      region: report.region,
      kind: report.kind,
      cycle: report.cycle,
      revision: report.revision,
      signer: meta.sender,
      keyId: meta.keyId,
      signedAt: new Date(message.signedAt),
      receivedAt: meta.receivedAt,
      signedJson: meta.signedJson,
    });
    if (!fresh) return { ok: true, outcome: "duplicate" } as const;
    const repo = createReportRepo(tx, ctx.tenant.id);
    const existing = await repo.find(report.id);
    if (existing === undefined || existing.report.revision <= report.revision) {
      await repo.upsertCopy(report, ctx.clock());
    }
    ctx.logger.info("received report {id} of {region}, revision {revision}", {
      id: report.id,
      region: report.region,
      revision: report.revision,
    });
    return { ok: true, outcome: "recorded" } as const;
  });
}

async function recordDecision(
  ctx: ReportsContext,
  message: DecisionMessage,
  meta: { sender: string; receivedAt: Date; signedJson: string },
): Promise<InboundOutcome> {
  return ctx.db.transaction(async (tx) => {
    const repo = createReportRepo(tx, ctx.tenant.id);
    const stored = await repo.findForUpdate(message.reportId);
    if (stored === undefined || stored.report.region !== ctx.tenant.regionCode) {
      return refuse("unknown-report", `report ${message.reportId}`);
    }
    const fresh = await createReportExchangeRepo(tx, ctx.tenant.id).recordReceipt({
      id: ctx.newId(),
      reportId: message.reportId,
      revision: message.revision,
      decision: message.decision,
      reasons: message.reasons,
      signer: meta.sender,
      signedJson: meta.signedJson,
      receivedAt: meta.receivedAt,
    });
    if (!fresh) return { ok: true, outcome: "duplicate" } as const;
    // The hub decided on a revision the region still has as its last one; an answer about an
    // older revision is kept as a receipt but changes nothing.
    if (stored.report.revision !== message.revision) return { ok: true, outcome: "recorded" } as const;
    const hub = { id: meta.sender, role: "technical_team" } as const;
    const action =
      message.decision === "acknowledged"
        ? ({ kind: "acknowledge" } as const)
        : ({ kind: "send-back", reasons: message.reasons } as const);
    const applied = applyReportAction(stored.report, action, hub, new Date(message.decidedAt));
    if (!applied.ok) {
      ctx.logger.warning("hub decision on report {id} does not apply: {refusal}", {
        id: message.reportId,
        refusal: applied.error,
      });
      return { ok: true, outcome: "recorded" } as const;
    }
    await repo.update(applied.value, stored.version, ctx.clock());
    return { ok: true, outcome: "recorded" } as const;
  });
}

async function recordPublication(
  ctx: ReportsContext,
  message: PublicationMessage,
  meta: { sender: string; receivedAt: Date; signedJson: string },
): Promise<InboundOutcome> {
  const published = reportFromJson(message.report as ReportJson);
  if (published.state !== "published") return refuse("not-applicable", `report ${published.id} is not published`);
  return ctx.db.transaction(async (tx) => {
    const repo = createReportRepo(tx, ctx.tenant.id);
    if (published.region === ctx.tenant.regionCode) {
      // Our own report: it keeps its internal content and mirrors the hub's decision (the hub's
      // copy went through the review and publication the domain requires).
      const stored = await repo.findForUpdate(published.id);
      if (stored === undefined) return refuse("unknown-report", `report ${published.id}`);
      await createReportExchangeRepo(tx, ctx.tenant.id).recordReceipt({
        id: ctx.newId(),
        reportId: published.id,
        revision: published.revision,
        decision: "published",
        reasons: [],
        signer: meta.sender,
        signedJson: meta.signedJson,
        receivedAt: meta.receivedAt,
      });
      const mine: Report = { ...stored.report, state: "published", publishedAt: published.publishedAt };
      if (stored.report.revision === published.revision) await repo.update(mine, stored.version, ctx.clock());
      return { ok: true, outcome: "recorded" } as const;
    }
    const fresh = await createReportExchangeRepo(tx, ctx.tenant.id).recordReceipt({
      id: ctx.newId(),
      reportId: published.id,
      revision: published.revision,
      decision: "published",
      reasons: [],
      signer: meta.sender,
      signedJson: meta.signedJson,
      receivedAt: meta.receivedAt,
    });
    if (!fresh) return { ok: true, outcome: "duplicate" } as const;
    await repo.upsertCopy(published, ctx.clock());
    return { ok: true, outcome: "recorded" } as const;
  });
}
