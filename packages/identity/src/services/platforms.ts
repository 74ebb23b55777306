import {
  err,
  type LocalizedText,
  ok,
  type PlatformId,
  type PlatformStatus,
  pickLocalized,
  type Result,
} from "@dynamo/core";
import { createPlatformRepo } from "../db/platforms.ts";
import {
  checkStatusChange,
  cleanNames,
  type NewPlatform,
  type Platform,
  type PlatformContact,
  type PlatformProblem,
  type PlatformStatusChange,
  validateNewPlatform,
} from "../domain/platform.ts";
import { recordAudit } from "./audit.ts";
import type { Actor, IdentityContext } from "./context.ts";
import { type FieldProblem, type IdentityError, invalid } from "./errors.ts";

function toFieldProblem(problem: PlatformProblem): FieldProblem {
  switch (problem.kind) {
    case "invalid-country":
      return { field: "countryCode", code: "country.invalid", params: { code: problem.countryCode } };
    case "no-name":
      return { field: "names", code: "names.none" };
    case "invalid-date":
      return { field: "joinedOn", code: "date.invalid" };
    case "reason-required":
      return { field: "reason", code: "status.reason-required" };
    case "same-status":
      return { field: "status", code: "status.same" };
  }
}

export async function listPlatforms(ctx: IdentityContext): Promise<Platform[]> {
  return createPlatformRepo(ctx.db, ctx.tenant.id).list();
}

export async function getPlatform(
  ctx: IdentityContext,
  id: string,
): Promise<{ platform: Platform; history: PlatformStatusChange[] } | undefined> {
  const repo = createPlatformRepo(ctx.db, ctx.tenant.id);
  const platform = await repo.findById(id);
  if (platform === undefined) return undefined;
  return { platform, history: await repo.history(platform.id) };
}

const label = (platform: Pick<Platform, "countryCode" | "names">) =>
  `${platform.countryCode} ${pickLocalized(platform.names, "en") ?? ""}`.trim();

/** Registers a national platform; its first status is the first entry of its history. */
export async function createPlatform(
  ctx: IdentityContext,
  actor: Actor,
  input: NewPlatform & { reason?: string | undefined },
): Promise<Result<Platform, IdentityError>> {
  const { problems, platform } = validateNewPlatform(input);
  if (problems.length > 0) return err(invalid(...problems.map(toFieldProblem)));
  return ctx.db.transaction(async (tx) => {
    const repo = createPlatformRepo(tx, ctx.tenant.id);
    if (await repo.findByCountry(platform.countryCode)) return err({ kind: "conflict", reason: "country-taken" });
    const created = await repo.create(
      { ...platform, id: ctx.newId() as PlatformId },
      { id: ctx.newId(), reason: input.reason?.trim() ?? "", changedBy: actor.person.id },
      ctx.clock(),
    );
    await recordAudit(ctx, tx, {
      action: "platforms.create",
      outcome: "success",
      actor,
      target: { type: "platform", id: created.id, label: label(created) },
      details: { countryCode: created.countryCode, status: created.status },
    });
    return ok(created);
  });
}

export interface PlatformChange {
  names?: LocalizedText | undefined;
  joinedOn?: string | undefined;
  contact?: PlatformContact | undefined;
  status?: PlatformStatus | undefined;
  reason?: string | undefined;
}

/** Edits a platform's details and, with a reason, its status; the change joins its history. */
export async function updatePlatform(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  change: PlatformChange,
): Promise<Result<Platform, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const repo = createPlatformRepo(tx, ctx.tenant.id);
    const before = await repo.findById(id);
    if (before === undefined) return err({ kind: "not-found" });
    const merged = validateNewPlatform({
      countryCode: before.countryCode,
      names: change.names === undefined ? before.names : cleanNames(change.names),
      status: before.status,
      joinedOn: change.joinedOn ?? before.joinedOn,
      contact: change.contact ?? before.contact,
    });
    const problems = merged.problems.map(toFieldProblem);
    const statusChanges = change.status !== undefined && change.status !== before.status;
    if (statusChanges && change.status !== undefined) {
      const problem = checkStatusChange(before.status, change.status, change.reason ?? "");
      if (problem !== null) problems.push(toFieldProblem(problem));
    }
    if (problems.length > 0) return err(invalid(...problems));
    const now = ctx.clock();
    await repo.updateDetails(
      before.id,
      { names: merged.platform.names, joinedOn: merged.platform.joinedOn, contact: merged.platform.contact },
      now,
    );
    if (statusChanges && change.status !== undefined) {
      const reason = (change.reason ?? "").trim();
      await repo.changeStatus(
        before.id,
        { id: ctx.newId(), from: before.status, to: change.status, reason, changedBy: actor.person.id },
        now,
      );
      await recordAudit(ctx, tx, {
        action: "platforms.status",
        outcome: "success",
        actor,
        target: { type: "platform", id: before.id, label: label(before) },
        details: { from: before.status, to: change.status, reason },
      });
    }
    if (change.names !== undefined || change.joinedOn !== undefined || change.contact !== undefined) {
      await recordAudit(ctx, tx, {
        action: "platforms.update",
        outcome: "success",
        actor,
        target: { type: "platform", id: before.id, label: label(before) },
        details: { fields: Object.keys(change).filter((k) => k !== "status" && k !== "reason") },
      });
    }
    const after = await repo.findById(before.id);
    if (after === undefined) throw new Error(`platform ${before.id} vanished during an update`);
    return ok(after);
  });
}
