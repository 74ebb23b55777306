import { err, LOCALES, type LocalizedText, ok, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createTranslator, type MessageKey } from "@dynamo/ui";
import { createIpgDocumentRepo } from "../db/documents.ts";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext } from "../deps.ts";
import { changeEditionStatus, type EditionStatus, type IpgEdition } from "../domain/edition.ts";
import {
  checkNewDocument,
  checkSubmission,
  type DocumentKind,
  type IpgDocument,
  recordDocumentOutcome,
  reviseDocument,
} from "../domain/ipg-document.ts";
import { lifeMessages } from "../messages.ts";
import { LIFE_CONTEXT, LIFE_MEDIA_TYPE } from "../wire/messages.ts";
import type { LifeError } from "./errors.ts";
import { editionEvent } from "./ipg.ts";
import { sendEvent } from "./publish.ts";

type Signer = Awaited<ReturnType<LifeContext["exchange"]["signer"]>>;

/** What the reader may see: the secretariat every draft, everyone else the published texts only. */
export interface Reader {
  seesDrafts: boolean;
}

/** How a documents page names its edition: at the hub the edition (with its status), at a region its Event. */
export async function ipgEditionHeading(
  ctx: LifeContext,
  editionId: string,
): Promise<{ id: string; name: string; status: EditionStatus | null } | undefined> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  if (ctx.tenant.kind === "hub") {
    const edition = await repo.edition(editionId);
    return edition && { id: edition.id, name: `IPG ${edition.year} — ${edition.city}`, status: edition.status };
  }
  const event = await repo.eventOfEdition(editionId);
  return event && { id: editionId, name: event.name, status: null };
}

/** An edition's documents and minutes: at the hub, the edition's; at a region, the published ones the hub sent. */
export async function listIpgDocuments(
  ctx: LifeContext,
  editionId: string,
  reader: Reader,
): Promise<Result<IpgDocument[], LifeError>> {
  const repo = createLifeRepo(ctx.db, ctx.tenant.id);
  const known =
    ctx.tenant.kind === "hub"
      ? (await repo.edition(editionId)) !== undefined
      : (await repo.eventOfEdition(editionId)) !== undefined;
  if (!known) return err({ kind: "not-found" });
  const documents = await createIpgDocumentRepo(ctx.db, ctx.tenant.id).ofEdition(editionId);
  return ok(documents.filter((d) => d.state === "published" || (reader.seesDrafts && ctx.tenant.kind === "hub")));
}

/** One document, if the reader may see it (a draft is not found for anyone but the secretariat). */
export async function getIpgDocument(
  ctx: LifeContext,
  editionId: string,
  documentId: string,
  reader: Reader,
): Promise<Result<IpgDocument, LifeError>> {
  const listed = await listIpgDocuments(ctx, editionId, reader);
  if (!listed.ok) return listed;
  const found = listed.value.find((d) => d.id === documentId);
  return found === undefined ? err({ kind: "not-found" }) : ok(found);
}

/**
 * The secretariat moves an edition one step (planned → convened → in session → closed); its
 * Event's new state goes to every region. "Minutes approved" comes from the minutes' ballot only.
 */
export async function changeIpgEditionStatus(
  ctx: LifeContext,
  editionId: string,
  target: EditionStatus,
): Promise<Result<IpgEdition, LifeError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const result = await ctx.db.transaction(async (tx): Promise<Result<IpgEdition, LifeError>> => {
    const edition = await createLifeRepo(tx, ctx.tenant.id).lockEdition(editionId);
    if (edition === undefined) return err({ kind: "not-found" });
    const moved = changeEditionStatus(edition.status, target, "secretariat");
    if (!moved.ok) return err({ kind: "status-refused", refusal: moved.error });
    const updated = { ...edition, status: moved.value };
    await saveEdition(tx, ctx, sign, updated);
    return ok(updated);
  });
  if (result.ok) ctx.exchange.wake();
  return result;
}

async function saveEdition(tx: DbOrTx, ctx: LifeContext, sign: Signer, edition: IpgEdition): Promise<void> {
  const now = ctx.clock();
  const repo = createLifeRepo(tx, ctx.tenant.id);
  await repo.updateEdition(edition, now);
  const event = editionEvent(edition, ctx.exchange.actorUri(ctx.tenant), now);
  await repo.saveEvent(event);
  await sendEvent(tx, ctx.exchange, ctx.tenant, sign, event, "update", now);
}

export interface DocumentText {
  title: string;
  body: string;
}

const cleaned = (text: DocumentText): DocumentText => ({
  title: text.title.trim(),
  body: text.body.replace(/\r\n/g, "\n"),
});

/** The secretariat drafts a document or the edition's minutes (one minutes per edition). */
export async function draftIpgDocument(
  ctx: LifeContext,
  editionId: string,
  input: DocumentText & { kind: DocumentKind },
): Promise<Result<IpgDocument, LifeError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  return ctx.db.transaction(async (tx): Promise<Result<IpgDocument, LifeError>> => {
    const edition = await createLifeRepo(tx, ctx.tenant.id).lockEdition(editionId);
    if (edition === undefined) return err({ kind: "not-found" });
    const repo = createIpgDocumentRepo(tx, ctx.tenant.id);
    const allowed = checkNewDocument(input.kind, await repo.ofEdition(editionId));
    if (!allowed.ok) return err({ kind: "document-refused", refusal: allowed.error });
    const document: IpgDocument = {
      id: ctx.newId(),
      editionId,
      kind: input.kind,
      ...cleaned(input),
      state: "draft",
      revision: 1,
      ballotId: null,
      ballotUri: null,
      lastOutcome: null,
      publishedAt: null,
      updatedAt: ctx.clock(),
    };
    await repo.save(document);
    return ok(document);
  });
}

/** The secretariat revises a draft (after a rejected ballot: its next revision). */
export async function reviseIpgDocument(
  ctx: LifeContext,
  editionId: string,
  documentId: string,
  input: DocumentText,
): Promise<Result<IpgDocument, LifeError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  return ctx.db.transaction(async (tx): Promise<Result<IpgDocument, LifeError>> => {
    const repo = createIpgDocumentRepo(tx, ctx.tenant.id);
    const document = await repo.lock(documentId);
    if (document === undefined || document.editionId !== editionId) return err({ kind: "not-found" });
    const revised = reviseDocument(document, cleaned(input), ctx.clock());
    if (!revised.ok) return err({ kind: "document-refused", refusal: revised.error });
    await repo.save(revised.value);
    return ok(revised.value);
  });
}

/** The ballot's question in the four languages: approve the text, the text itself as its description. */
function ballotQuestion(edition: IpgEdition, document: IpgDocument) {
  const title: LocalizedText = {};
  const description: LocalizedText = {};
  for (const locale of LOCALES) {
    const t = createTranslator(lifeMessages, locale);
    title[locale] = t(`life.document.ballot.${document.kind}` as MessageKey, {
      year: edition.year,
      title: document.title,
    });
    description[locale] = document.body;
  }
  return { title, description };
}

/**
 * The secretariat puts a draft to an IPG ballot (the minutes once the session is closed),
 * opened through the ballots area's entry point; the text waits in vote for the ballot's close.
 */
export async function submitIpgDocumentToVote(
  ctx: LifeContext,
  asking: { personId: string; name: string },
  editionId: string,
  documentId: string,
  timing: { closesAt: Date; graceMs: number },
): Promise<Result<IpgDocument, LifeError>> {
  if (ctx.tenant.kind !== "hub") return err({ kind: "not-found" });
  const edition = await createLifeRepo(ctx.db, ctx.tenant.id).edition(editionId);
  const document = await createIpgDocumentRepo(ctx.db, ctx.tenant.id).find(documentId);
  if (edition === undefined || document === undefined || document.editionId !== editionId)
    return err({ kind: "not-found" });
  const checked = checkSubmission(document, edition.status);
  if (!checked.ok) return err({ kind: "document-refused", refusal: checked.error });
  if (timing.closesAt.getTime() <= ctx.clock().getTime())
    return err({ kind: "invalid", problems: [{ field: "closesAt", code: "closes-in-past" }] });
  const opened = await ctx.openBallot(ctx.tenant, asking, { ...ballotQuestion(edition, document), ...timing });
  if (!opened.ok) return err({ kind: "ballot-not-opened", reason: opened.error.kind });
  return ctx.db.transaction(async (tx): Promise<Result<IpgDocument, LifeError>> => {
    const repo = createIpgDocumentRepo(tx, ctx.tenant.id);
    const locked = await repo.lock(documentId);
    const current = await createLifeRepo(tx, ctx.tenant.id).lockEdition(editionId);
    if (locked === undefined || current === undefined) return err({ kind: "not-found" });
    const again = checkSubmission(locked, current.status);
    if (!again.ok) return err({ kind: "document-refused", refusal: again.error });
    const next: IpgDocument = {
      ...locked,
      state: "in-vote",
      ballotId: opened.value.ballotId,
      ballotUri: opened.value.uri,
      lastOutcome: null,
      updatedAt: ctx.clock(),
    };
    await repo.save(next);
    return ok(next);
  });
}

/**
 * A ballot closed at the hub: the texts put to it are published (sent to every region) or
 * drafts again; adopted minutes move their edition to "minutes approved". At least once: told
 * twice, the second time changes and sends nothing.
 */
export async function recordIpgBallotOutcome(
  ctx: LifeContext,
  ballotId: string,
  outcome: "adopted" | "rejected" | "no-quorum",
): Promise<number> {
  if (ctx.tenant.kind !== "hub") return 0;
  const sign = await ctx.exchange.signer(ctx.tenant, "tenant");
  const changed = await ctx.db.transaction(async (tx) => {
    const repo = createIpgDocumentRepo(tx, ctx.tenant.id);
    let count = 0;
    for (const found of await repo.byBallot(ballotId)) {
      const document = await repo.lock(found.id);
      if (document === undefined) continue;
      const now = ctx.clock();
      const next = recordDocumentOutcome(document, ballotId, outcome, now);
      if (!next.changed) continue;
      await repo.save(next.document);
      count++;
      if (next.document.state !== "published") continue;
      await sendDocument(tx, ctx, sign, next.document, now);
      if (next.document.kind !== "minutes") continue;
      const edition = await createLifeRepo(tx, ctx.tenant.id).lockEdition(document.editionId);
      if (edition === undefined) continue;
      const moved = changeEditionStatus(edition.status, "minutes-approved", "minutes-ballot");
      if (moved.ok) await saveEdition(tx, ctx, sign, { ...edition, status: moved.value });
      else
        ctx.logger.warn("minutes {documentId} adopted, edition {editionId} stays {status}", {
          documentId: document.id,
          editionId: edition.id,
          status: edition.status,
        });
    }
    return count;
  });
  if (changed > 0) ctx.exchange.wake();
  return changed;
}

/** A published text, signed, to every region: their members read it there. */
async function sendDocument(
  tx: DbOrTx,
  ctx: LifeContext,
  sign: Signer,
  document: IpgDocument,
  now: Date,
): Promise<void> {
  const actor = ctx.exchange.actorUri(ctx.tenant);
  const id = `${actor}/ipg/documents/${document.id}`;
  const signed = await sign(
    {
      "@context": LIFE_CONTEXT,
      type: "IpgDocument",
      id,
      actor,
      document: {
        id: document.id,
        editionId: document.editionId,
        kind: document.kind,
        title: document.title,
        body: document.body,
        revision: document.revision,
        ballotUri: document.ballotUri,
        publishedAt: (document.publishedAt ?? now).toISOString(),
      },
    },
    now,
  );
  await ctx.exchange.send(tx, ctx.tenant, {
    mediaType: LIFE_MEDIA_TYPE,
    document: signed,
    activityId: `${actor}/activities/life/${ctx.newId()}`,
    objectId: id,
    verb: "create",
    published: now,
    display: { as: "note", name: document.title, about: id },
    from: "tenant",
    to: "peers",
    listed: false,
  });
}
