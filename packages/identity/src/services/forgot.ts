import { err, ok, type Person, type Result } from "@dynamo/core";
import { fingerprint, hashLinkToken, newLinkToken } from "../crypto/secrets.ts";
import { createPeopleRepo } from "../db/people.ts";
import { createRateLimitRepo } from "../db/rate-limits.ts";
import { createPersonTokenRepo } from "../db/tokens.ts";
import { expiresAt, PASSWORD_RESET_TTL_MS } from "../domain/expiry.ts";
import { normalizeEmail } from "../domain/person.ts";
import { recordAudit } from "./audit.ts";
import type { IdentityContext } from "./context.ts";
import type { IdentityError } from "./errors.ts";
import type { IssuedLink } from "./members.ts";

/**
 * Self-service resets asked per window: an address may ask a few times for any accounts, and
 * any one account gets at most a few emails, whoever asks (so nobody floods an inbox). Counted
 * whether the account exists or not, so a refusal tells nothing either.
 */
export const FORGOT_LIMITS = { windowMs: 60 * 60 * 1000, perAddress: 10, perAccount: 3 } as const;

/**
 * A person asks for a password reset link by email. The answer is the same whether an account
 * has this address or not; only an active account gets a link (single use, two hours; any earlier
 * unused reset link stops working), which the caller emails to the account's address and never
 * shows. Refused past the rate limits.
 */
export async function requestPasswordReset(
  ctx: IdentityContext,
  input: { email: string },
): Promise<Result<{ person: Person; link: IssuedLink } | undefined, IdentityError>> {
  const email = normalizeEmail(input.email) ?? input.email.trim().toLowerCase().slice(0, 254);
  const now = ctx.clock();
  const limits = createRateLimitRepo(ctx.db, ctx.tenant.id);
  const keys = [
    { key: `forgot:account:${fingerprint(email)}`, limit: FORGOT_LIMITS.perAccount },
    ...(ctx.meta.clientAddress === null
      ? []
      : [{ key: `forgot:address:${ctx.meta.clientAddress}`, limit: FORGOT_LIMITS.perAddress }]),
  ];
  let wait = 0;
  for (const { key, limit } of keys) {
    const state = await limits.get(key);
    const endsAt = (state?.windowStartedAt.getTime() ?? 0) + FORGOT_LIMITS.windowMs;
    if (state !== undefined && state.count >= limit && endsAt > now.getTime())
      wait = Math.max(wait, Math.ceil((endsAt - now.getTime()) / 1000));
  }
  if (wait > 0) return err({ kind: "rate-limited", retryAfterSeconds: wait });
  return ok(
    await ctx.db.transaction(async (tx) => {
      const counters = createRateLimitRepo(tx, ctx.tenant.id);
      for (const { key } of keys) await counters.hit(key, FORGOT_LIMITS.windowMs, now);
      const person = (await createPeopleRepo(tx, ctx.tenant.id).findCredentials(email))?.person;
      const eligible = person !== undefined && person.status === "active";
      await recordAudit(ctx, tx, {
        action: "password.forgot",
        outcome: eligible ? "success" : "failure",
        actor: { id: person?.id ?? null, label: email },
        ...(person === undefined ? {} : { target: { type: "person", id: person.id, label: person.email } }),
        details: eligible ? {} : { reason: person === undefined ? "unknown" : person.status },
      });
      if (!eligible) return undefined;
      const tokens = createPersonTokenRepo(tx, ctx.tenant.id);
      await tokens.expireUnused(person.id, "password-reset", now);
      const token = newLinkToken();
      const linkExpiry = expiresAt(now, PASSWORD_RESET_TTL_MS);
      await tokens.create({
        id: ctx.newId(),
        personId: person.id,
        purpose: "password-reset",
        tokenHash: hashLinkToken(token),
        createdBy: null,
        createdAt: now,
        expiresAt: linkExpiry,
      });
      return { person, link: { token, expiresAt: linkExpiry } };
    }),
  );
}
