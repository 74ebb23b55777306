import type { Tenant } from "@dynamo/core";
import type { Tx } from "@dynamo/db";
import type { ReceivedMessage, SendingPeer } from "@dynamo/federation";
import type { Logger } from "@logtape/logtape";
import { type ReportJson, reportFromJson } from "../db/codec.ts";
import { createReportExchangeRepo } from "../db/exchange.ts";
import { createReportRepo } from "../db/reports.ts";
import type { Report } from "../domain/report.ts";
import { applyReportAction } from "../domain/workflow.ts";
import type { DecisionMessage, PublicationMessage, ReportMessage, SubmissionMessage } from "../wire/messages.ts";

/** Where an inbound report message is applied: the transaction that records it as received. */
export interface InboundReportsContext {
  db: Tx;
  tenant: Tenant;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
}

/** Why a peer's report message was refused. Nothing but the refusal is recorded when it is. */
export type InboundRefusal =
  | "not-for-this-node"
  | "untrusted-sender"
  | "wrong-region"
  | "unknown-report"
  | "not-applicable";

export type InboundOutcome =
  | { ok: true; outcome: "recorded" | "duplicate" }
  | { ok: false; reason: InboundRefusal; detail?: string };

const refuse = (reason: InboundRefusal, detail?: string): InboundOutcome =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

/**
 * A reports message arrived from a trusted peer, its shape and its proof checked by federation
 * (signed by the very actor that sent it). What it says must be the sender's to say: the hub
 * takes submissions from peered regions whose region it knows, each only of its own region's
 * report; a region takes decisions and publications from its hub only. A refused message
 * changes nothing; federation records the refusal with every other.
 */
export async function receiveReportMessage(
  ctx: InboundReportsContext,
  received: ReceivedMessage<ReportMessage>,
  peer: SendingPeer,
): Promise<InboundOutcome> {
  const message = received.document;
  const isHub = ctx.tenant.kind === "hub";
  if ((message.type === "ReportSubmission") !== isHub)
    return refuse("not-for-this-node", `${message.type} to a ${ctx.tenant.kind}`);
  // The hub trusts peered regions whose region it knows; a region trusts only its hub.
  const region = peer.regionCode ?? undefined;
  const trusted = isHub ? region !== undefined : peer.role === "hub";
  if (!trusted) return refuse("untrusted-sender", "its region is unknown");
  const meta = {
    sender: received.envelope.actorId,
    receivedAt: received.receivedAt,
    keyId: received.signer?.keyId ?? "",
    signedJson: JSON.stringify(received.raw),
  };
  switch (message.type) {
    case "ReportSubmission":
      if (message.report.region !== region) {
        return refuse("wrong-region", `report of ${message.report.region} from the peer of ${region}`);
      }
      return recordSubmission(ctx, message, meta);
    case "ReportDecision":
      return recordDecision(ctx, message, meta);
    case "ReportPublication":
      return recordPublication(ctx, message, meta);
  }
}

async function recordSubmission(
  ctx: InboundReportsContext,
  message: SubmissionMessage,
  meta: { sender: string; receivedAt: Date; keyId: string; signedJson: string },
): Promise<InboundOutcome> {
  const report = reportFromJson(message.report as ReportJson);
  if (report.state !== "submitted" || report.history.at(-1)?.revision !== report.revision) {
    return refuse("not-applicable", `report ${report.id} is not a submitted revision`);
  }
  const tx = ctx.db;
  {
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
  }
}

async function recordDecision(
  ctx: InboundReportsContext,
  message: DecisionMessage,
  meta: { sender: string; receivedAt: Date; signedJson: string },
): Promise<InboundOutcome> {
  const tx = ctx.db;
  {
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
  }
}

async function recordPublication(
  ctx: InboundReportsContext,
  message: PublicationMessage,
  meta: { sender: string; receivedAt: Date; signedJson: string },
): Promise<InboundOutcome> {
  const published = reportFromJson(message.report as ReportJson);
  if (published.state !== "published") return refuse("not-applicable", `report ${published.id} is not published`);
  const tx = ctx.db;
  {
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
  }
}
