import type { DbOrTx } from "@dynamo/db";
import { fingerprint } from "../crypto/secrets.ts";
import { createRateLimitRepo } from "../db/rate-limits.ts";
import type { IdentityContext } from "./context.ts";

/** Failed logins allowed per window: per account (by email, existing or not) and per client address. */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
} as const;

function keysFor(ctx: IdentityContext, email: string) {
  return {
    account: `login:account:${fingerprint(email)}`,
    address: ctx.meta.clientAddress === null ? undefined : `login:address:${ctx.meta.clientAddress}`,
  };
}

/** Seconds until a login may be tried again, or 0 when it may be tried now. */
export async function loginRetryAfter(ctx: IdentityContext, email: string): Promise<number> {
  const repo = createRateLimitRepo(ctx.db, ctx.tenant.id);
  const keys = keysFor(ctx, email);
  const now = ctx.clock().getTime();
  let wait = 0;
  for (const [key, limit] of [
    [keys.account, LOGIN_LIMITS.perAccount],
    [keys.address, LOGIN_LIMITS.perAddress],
  ] as const) {
    if (key === undefined) continue;
    const state = await repo.get(key);
    if (state === undefined || state.count < limit) continue;
    const endsAt = state.windowStartedAt.getTime() + LOGIN_LIMITS.windowMs;
    if (endsAt > now) wait = Math.max(wait, Math.ceil((endsAt - now) / 1000));
  }
  return wait;
}

export async function countLoginFailure(ctx: IdentityContext, db: DbOrTx, email: string): Promise<void> {
  const repo = createRateLimitRepo(db, ctx.tenant.id);
  const keys = keysFor(ctx, email);
  await repo.hit(keys.account, LOGIN_LIMITS.windowMs, ctx.clock());
  if (keys.address !== undefined) await repo.hit(keys.address, LOGIN_LIMITS.windowMs, ctx.clock());
}

/** A successful login clears the account's failures (the address keeps its count). */
export async function resetLoginFailures(ctx: IdentityContext, db: DbOrTx, email: string): Promise<void> {
  await createRateLimitRepo(db, ctx.tenant.id).reset(keysFor(ctx, email).account);
}
