import { err, type Locale, ok, type Person, type Result } from "@dynamo/core";
import { hashPassword, verifyPassword } from "../crypto/secrets.ts";
import { createPeopleRepo } from "../db/people.ts";
import { createSessionRepo } from "../db/sessions.ts";
import { cleanDisplayName } from "../domain/person.ts";
import { recordAudit } from "./audit.ts";
import type { Actor, IdentityContext } from "./context.ts";
import { type IdentityError, invalid } from "./errors.ts";
import { countPasswordChangeFailure, passwordChangeRetryAfter } from "./rate-limit.ts";
import { passwordProblems } from "./validate.ts";

/** A person changes their own name or language. */
export async function updateProfile(
  ctx: IdentityContext,
  actor: Actor,
  changes: { displayName?: string | undefined; locale?: Locale | undefined },
): Promise<Result<Person, IdentityError>> {
  const displayName = changes.displayName === undefined ? undefined : cleanDisplayName(changes.displayName);
  if (displayName === null) return err(invalid({ field: "displayName", code: "name.invalid" }));
  const updated = await createPeopleRepo(ctx.db, ctx.tenant.id).updateProfile(
    actor.person.id,
    {
      ...(displayName === undefined ? {} : { displayName }),
      ...(changes.locale === undefined ? {} : { locale: changes.locale }),
    },
    ctx.clock(),
  );
  if (updated === undefined) return err({ kind: "not-found" });
  return ok(updated);
}

/**
 * A person changes their own password, giving the current one. Every other session of theirs
 * ends; the one they are using goes on.
 */
export async function changePassword(
  ctx: IdentityContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<{ sessionsRevoked: number }, IdentityError>> {
  const retryAfterSeconds = await passwordChangeRetryAfter(ctx, actor.person.id);
  if (retryAfterSeconds > 0) return err({ kind: "rate-limited", retryAfterSeconds });
  const people = createPeopleRepo(ctx.db, ctx.tenant.id);
  const current = await people.passwordHashOf(actor.person.id);
  if (!(await verifyPassword(current, input.currentPassword))) {
    await countPasswordChangeFailure(ctx, actor.person.id);
    return err(invalid({ field: "currentPassword", code: "password.wrong" }));
  }
  const problems = passwordProblems("newPassword", input.newPassword, actor.person.email);
  if (problems.length > 0) return err(invalid(...problems));
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await createPeopleRepo(tx, ctx.tenant.id).setPasswordHash(actor.person.id, passwordHash, now);
    const sessionsRevoked = await createSessionRepo(tx, ctx.tenant.id).revokeAllOf(
      actor.person.id,
      "password-changed",
      now,
      actor.sessionId,
    );
    await recordAudit(ctx, tx, {
      action: "profile.password",
      outcome: "success",
      actor,
      target: { type: "person", id: actor.person.id, label: actor.person.email },
      details: { sessionsRevoked },
    });
    return ok({ sessionsRevoked });
  });
}
