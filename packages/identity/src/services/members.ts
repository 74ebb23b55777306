import {
  adminRoleFor,
  err,
  type Locale,
  mayAssignRoles,
  normalizeRoles,
  ok,
  type Person,
  type PersonId,
  type PlatformId,
  type PlatformSeat,
  type Result,
  type Role,
} from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { hashLinkToken, newLinkToken } from "../crypto/secrets.ts";
import { createPeopleRepo } from "../db/people.ts";
import { createPlatformRepo } from "../db/platforms.ts";
import { createSessionRepo } from "../db/sessions.ts";
import { createPersonTokenRepo } from "../db/tokens.ts";
import { expiresAt, INVITATION_TTL_MS, PASSWORD_RESET_TTL_MS } from "../domain/expiry.ts";
import { cleanDisplayName, normalizeEmail } from "../domain/person.ts";
import { recordAudit } from "./audit.ts";
import type { Actor, IdentityContext } from "./context.ts";
import { type FieldProblem, type IdentityError, invalid } from "./errors.ts";
import { roleProblems } from "./validate.ts";

export interface IssuedLink {
  /** The raw token, shown once to whoever asked for it; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export async function listMembers(ctx: IdentityContext): Promise<Person[]> {
  return createPeopleRepo(ctx.db, ctx.tenant.id).list();
}

export async function getMember(ctx: IdentityContext, id: string): Promise<Person | undefined> {
  return createPeopleRepo(ctx.db, ctx.tenant.id).findById(id);
}

export interface InvitationInput {
  email: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  platformId: string | null;
  platformSeat: PlatformSeat | null;
}

async function platformProblems(db: DbOrTx, ctx: IdentityContext, platformId: string | null): Promise<FieldProblem[]> {
  if (platformId === null) return [];
  const platform = await createPlatformRepo(db, ctx.tenant.id).findById(platformId);
  return platform === undefined ? [{ field: "platformId", code: "platform.unknown" }] : [];
}

/** Registers a pending person and returns the single-use link that lets them choose a password. */
export async function inviteMember(
  ctx: IdentityContext,
  actor: Actor,
  input: InvitationInput,
): Promise<Result<{ person: Person; link: IssuedLink }, IdentityError>> {
  const email = normalizeEmail(input.email);
  const displayName = cleanDisplayName(input.displayName);
  const roles = normalizeRoles(input.roles);
  const problems: FieldProblem[] = [
    ...(email === null ? [{ field: "email", code: "email.invalid" } as const] : []),
    ...(displayName === null ? [{ field: "displayName", code: "name.invalid" } as const] : []),
    ...roleProblems(ctx.tenant.kind, { ...input, roles }),
    ...(await platformProblems(ctx.db, ctx, input.platformId)),
  ];
  if (email === null || displayName === null || problems.length > 0) return err(invalid(...problems));
  if (!mayAssignRoles(actor.principal, ctx.tenant.kind, { before: [], after: roles }))
    return err({ kind: "forbidden-role" });

  const now = ctx.clock();
  const token = newLinkToken();
  const linkExpiry = expiresAt(now, INVITATION_TTL_MS);
  return ctx.db.transaction(async (tx) => {
    const created = await createPeopleRepo(tx, ctx.tenant.id).create(
      {
        id: ctx.newId() as PersonId,
        email,
        displayName,
        locale: input.locale,
        roles,
        platformId: input.platformId as PlatformId | null,
        platformSeat: input.platformSeat,
        passwordHash: null,
      },
      now,
    );
    if (!created.ok) return err({ kind: "conflict", reason: created.error.kind });
    const person = created.value;
    await createPersonTokenRepo(tx, ctx.tenant.id).create({
      id: ctx.newId(),
      personId: person.id,
      purpose: "invitation",
      tokenHash: hashLinkToken(token),
      createdBy: actor.person.id,
      createdAt: now,
      expiresAt: linkExpiry,
    });
    await recordAudit(ctx, tx, {
      action: "members.invite",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
      details: { roles, platformId: input.platformId, platformSeat: input.platformSeat, expiresAt: linkExpiry },
    });
    return ok({ person, link: { token, expiresAt: linkExpiry } });
  });
}

export interface MembershipChange {
  roles?: Role[] | undefined;
  platformId?: string | null | undefined;
  platformSeat?: PlatformSeat | null | undefined;
}

/** Changes a person's roles and platform; the tenant always keeps one administrator. */
export async function updateMember(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  change: MembershipChange,
): Promise<Result<Person, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const people = createPeopleRepo(tx, ctx.tenant.id);
    const before = await people.findById(id);
    if (before === undefined) return err({ kind: "not-found" });
    const after = {
      roles: normalizeRoles(change.roles ?? before.roles),
      platformId: change.platformId === undefined ? before.platformId : change.platformId,
      platformSeat: change.platformSeat === undefined ? before.platformSeat : change.platformSeat,
    };
    const problems = [...roleProblems(ctx.tenant.kind, after), ...(await platformProblems(tx, ctx, after.platformId))];
    if (problems.length > 0) return err(invalid(...problems));
    if (!mayAssignRoles(actor.principal, ctx.tenant.kind, { before: before.roles, after: after.roles }))
      return err({ kind: "forbidden-role" });
    const admin = adminRoleFor(ctx.tenant.kind);
    if (before.roles.includes(admin) && !after.roles.includes(admin) && (await people.countWithRole(admin)) <= 1)
      return err({ kind: "conflict", reason: "last-admin" });
    const updated = await people.updateMembership(
      before.id,
      { ...after, platformId: after.platformId as PlatformId | null },
      ctx.clock(),
    );
    if (!updated.ok) return err({ kind: "conflict", reason: updated.error.kind });
    await recordAudit(ctx, tx, {
      action: "members.update",
      outcome: "success",
      actor,
      target: { type: "person", id: before.id, label: before.email },
      details: {
        rolesBefore: before.roles,
        rolesAfter: after.roles,
        platformBefore: before.platformId,
        platformAfter: after.platformId,
        seatBefore: before.platformSeat,
        seatAfter: after.platformSeat,
      },
    });
    return ok(updated.value);
  });
}

/**
 * A single-use link for a person to choose a new password, given to the admin or coordinator
 * who asked. Only an administrator may do this for an administrator: the link opens the account.
 */
export async function startPasswordReset(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Result<{ person: Person; link: IssuedLink }, IdentityError>> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const person = await createPeopleRepo(tx, ctx.tenant.id).findById(id);
    if (person === undefined) return err({ kind: "not-found" });
    if (!mayAssignRoles(actor.principal, ctx.tenant.kind, { before: person.roles, after: person.roles }))
      return err({ kind: "forbidden-role" });
    const purpose = person.status === "pending" ? "invitation" : "password-reset";
    const tokens = createPersonTokenRepo(tx, ctx.tenant.id);
    await tokens.expireUnused(person.id, purpose, now);
    const token = newLinkToken();
    const linkExpiry = expiresAt(now, purpose === "invitation" ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS);
    await tokens.create({
      id: ctx.newId(),
      personId: person.id,
      purpose,
      tokenHash: hashLinkToken(token),
      createdBy: actor.person.id,
      createdAt: now,
      expiresAt: linkExpiry,
    });
    await recordAudit(ctx, tx, {
      action: purpose === "invitation" ? "members.invite" : "members.reset-password",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
      details: { expiresAt: linkExpiry, renewed: purpose === "invitation" },
    });
    return ok({ person, link: { token, expiresAt: linkExpiry } });
  });
}

/** Ends every session of a person at once. */
export async function revokeMemberSessions(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Result<{ revoked: number }, IdentityError>> {
  return ctx.db.transaction(async (tx) => {
    const person = await createPeopleRepo(tx, ctx.tenant.id).findById(id);
    if (person === undefined) return err({ kind: "not-found" });
    const revoked = await createSessionRepo(tx, ctx.tenant.id).revokeAllOf(person.id, "revoked-by-admin", ctx.clock());
    await recordAudit(ctx, tx, {
      action: "members.revoke-sessions",
      outcome: "success",
      actor,
      target: { type: "person", id: person.id, label: person.email },
      details: { revoked },
    });
    return ok({ revoked });
  });
}
