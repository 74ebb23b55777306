import { err, ok, type Person, type Result } from "@dynamo/core";
import { hashLinkToken, hashPassword } from "../crypto/secrets.ts";
import { createPeopleRepo } from "../db/people.ts";
import { createSessionRepo } from "../db/sessions.ts";
import { createPersonTokenRepo, type PersonToken, type TokenPurpose } from "../db/tokens.ts";
import { linkState } from "../domain/expiry.ts";
import { cleanDisplayName } from "../domain/person.ts";
import { recordAudit } from "./audit.ts";
import type { IdentityContext } from "./context.ts";
import { type IdentityError, invalid } from "./errors.ts";
import { countLinkFailure, linkRetryAfter } from "./rate-limit.ts";
import { passwordProblems } from "./validate.ts";

/** The person a link is for, when the link may still be used (an address guessing links is held back). */
export async function checkLink(
  ctx: IdentityContext,
  purpose: TokenPurpose,
  token: string,
): Promise<Result<{ link: PersonToken; person: Person }, IdentityError>> {
  const retryAfterSeconds = await linkRetryAfter(ctx);
  if (retryAfterSeconds > 0) return err({ kind: "rate-limited", retryAfterSeconds });
  const link = await createPersonTokenRepo(ctx.db, ctx.tenant.id).findByHash(hashLinkToken(token), purpose);
  if (link === undefined) {
    await countLinkFailure(ctx);
    return err({ kind: "link-unknown" });
  }
  const state = linkState(link, ctx.clock());
  if (state === "used") return err({ kind: "link-used" });
  if (state === "expired") return err({ kind: "link-expired" });
  const person = await createPeopleRepo(ctx.db, ctx.tenant.id).findById(link.personId);
  if (person === undefined) return err({ kind: "link-unknown" });
  return ok({ link, person });
}

/**
 * Uses a link once to set a password: accepting an invitation or finishing a reset. Every
 * session of the person ends, so a reset locks out whoever knew the old password.
 */
async function useLink(
  ctx: IdentityContext,
  purpose: TokenPurpose,
  input: { token: string; password: string; displayName?: string | undefined },
): Promise<Result<Person, IdentityError>> {
  const checked = await checkLink(ctx, purpose, input.token);
  if (!checked.ok) return checked;
  const { link, person } = checked.value;
  const displayName = input.displayName === undefined ? person.displayName : cleanDisplayName(input.displayName);
  const problems = [
    ...passwordProblems("password", input.password, person.email),
    ...(displayName === null ? [{ field: "displayName", code: "name.invalid" } as const] : []),
  ];
  if (problems.length > 0 || displayName === null) return err(invalid(...problems));
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    if (!(await createPersonTokenRepo(tx, ctx.tenant.id).markUsed(link.id, now))) return err({ kind: "link-used" });
    const people = createPeopleRepo(tx, ctx.tenant.id);
    await people.setPasswordHash(person.id, passwordHash, now);
    const updated = await people.updateProfile(person.id, { displayName }, now);
    const revoked = await createSessionRepo(tx, ctx.tenant.id).revokeAllOf(person.id, purpose, now);
    await recordAudit(ctx, tx, {
      action: purpose === "invitation" ? "invitation.accept" : "password.reset",
      outcome: "success",
      actor: { id: person.id, label: person.email },
      target: { type: "person", id: person.id, label: person.email },
      details: purpose === "password-reset" ? { sessionsRevoked: revoked } : {},
    });
    if (updated === undefined) throw new Error(`person ${person.id} vanished while using a link`);
    return ok(updated);
  });
}

export function acceptInvitation(
  ctx: IdentityContext,
  input: { token: string; password: string; displayName?: string | undefined },
): Promise<Result<Person, IdentityError>> {
  return useLink(ctx, "invitation", input);
}

export function resetPassword(
  ctx: IdentityContext,
  input: { token: string; password: string },
): Promise<Result<Person, IdentityError>> {
  return useLink(ctx, "password-reset", input);
}
