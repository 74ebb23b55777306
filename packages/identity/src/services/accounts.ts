import { adminRoleFor, err, mayAssignRoles, ok, type Person, type PersonId, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createPeopleRepo } from "../db/people.ts";
import { createSessionRepo } from "../db/sessions.ts";
import { createPersonTokenRepo } from "../db/tokens.ts";
import { recordAudit } from "./audit.ts";
import type { Actor, IdentityContext } from "./context.ts";
import type { IdentityError } from "./errors.ts";

/** Who may act on this person's account at all: not oneself, and an administrator only by an administrator. */
async function target(
  ctx: IdentityContext,
  tx: DbOrTx,
  actor: Actor,
  id: string,
): Promise<Result<Person, IdentityError>> {
  const person = await createPeopleRepo(tx, ctx.tenant.id).findById(id);
  if (person === undefined) return err({ kind: "not-found" });
  if (person.id === actor.person.id) return err({ kind: "conflict", reason: "self" });
  if (!mayAssignRoles(actor.principal, ctx.tenant.kind, { before: person.roles, after: person.roles }))
    return err({ kind: "forbidden-role" });
  return ok(person);
}

/**
 * Disables an account: every session ends at once, the links it was sent stop working, and the
 * login is refused with a message saying so; the person and their history stay. The tenant
 * always keeps one enabled administrator.
 */
export async function disableMember(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Result<Person, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const found = await target(ctx, tx, actor, id);
    if (!found.ok) return found;
    const person = found.value;
    if (person.status === "disabled") return ok(person);
    const people = createPeopleRepo(tx, ctx.tenant.id);
    const admin = adminRoleFor(ctx.tenant.kind);
    if (person.roles.includes(admin) && (await people.countEnabledWithRole(admin)) <= 1)
      return err({ kind: "conflict", reason: "last-admin" });
    const now = ctx.clock();
    await people.setDisabled(person.id, now, now);
    const revoked = await createSessionRepo(tx, ctx.tenant.id).revokeAllOf(person.id, "disabled", now);
    const tokens = createPersonTokenRepo(tx, ctx.tenant.id);
    await tokens.expireUnused(person.id, "invitation", now);
    await tokens.expireUnused(person.id, "password-reset", now);
    await recordAudit(ctx, tx, {
      action: "members.disable",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
      details: { sessionsRevoked: revoked },
    });
    return ok({ ...person, status: "disabled" });
  });
}

/** Re-enables a disabled account: the person logs in again with their password (or joins, if they never had). */
export async function enableMember(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Result<Person, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const found = await target(ctx, tx, actor, id);
    if (!found.ok) return found;
    const person = found.value;
    if (person.status !== "disabled") return ok(person);
    const people = createPeopleRepo(tx, ctx.tenant.id);
    const now = ctx.clock();
    await people.setDisabled(person.id, null, now);
    await recordAudit(ctx, tx, {
      action: "members.enable",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
    });
    const enabled = await people.findById(person.id);
    if (enabled === undefined) throw new Error(`person ${person.id} vanished while enabled`);
    return ok(enabled);
  });
}

/**
 * Deletes a person who never joined (an invitation still pending, or expired): their invitation
 * links go with them. Anyone who joined is disabled instead, so that what they did stays theirs.
 * The audit log keeps the deletion, naming the address.
 */
export async function deletePendingMember(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Result<{ id: PersonId; email: string }, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const found = await target(ctx, tx, actor, id);
    if (!found.ok) return found;
    const person = found.value;
    if (person.status !== "pending" || !(await createPeopleRepo(tx, ctx.tenant.id).deletePending(person.id)))
      return err({ kind: "conflict", reason: "not-pending" });
    await recordAudit(ctx, tx, {
      action: "members.delete",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
      details: { roles: person.roles, platformId: person.platformId },
    });
    return ok({ id: person.id, email: person.email });
  });
}
