import type { DbOrTx } from "@dynamo/db";
import { fingerprint } from "../crypto/secrets.ts";
import { createRateLimitRepo } from "../db/rate-limits.ts";
import type { IdentityContext } from "./context.ts";

/**
 * Failed logins allowed per window. A stranger must not be able to lock an owner out, so the
 * tight limit is per account *and* address; an address trying many accounts has its own; and
 * the account-wide limit (many addresses failing on one account) holds back only the addresses
 * that have failed on it themselves: the owner, from an address with no failure, still gets in.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccountAndAddress: 5,
  perAddress: 20,
  perAccount: 50,
  /** Failures on one account in a window (from any addresses) at which its owner is told by email, once. */
  alertOwnerAt: 10,
} as const;

/** Wrong current passwords allowed per person per window when changing it (a stolen session must not guess). */
export const PASSWORD_CHANGE_LIMIT = { windowMs: 15 * 60 * 1000, attempts: 5 } as const;

function keysFor(ctx: IdentityContext, email: string) {
  const account = fingerprint(email);
  const address = ctx.meta.clientAddress;
  return {
    account: `login:account:${account}`,
    pair: address === null ? `login:pair:${account}:unknown` : `login:pair:${account}:${address}`,
    address: address === null ? undefined : `login:address:${address}`,
  };
}

type RateLimitRepo = ReturnType<typeof createRateLimitRepo>;

/** Seconds until a key's window ends once it reached its limit, else 0. */
async function waitFor(repo: RateLimitRepo, key: string, limit: number, windowMs: number, now: number) {
  const state = await repo.get(key);
  if (state === undefined || state.count < limit) return 0;
  const endsAt = state.windowStartedAt.getTime() + windowMs;
  return endsAt > now ? Math.ceil((endsAt - now) / 1000) : 0;
}

/** Seconds until a login may be tried again from this address, or 0 when it may be tried now. */
export async function loginRetryAfter(ctx: IdentityContext, email: string): Promise<number> {
  const repo = createRateLimitRepo(ctx.db, ctx.tenant.id);
  const keys = keysFor(ctx, email);
  const now = ctx.clock().getTime();
  const { windowMs } = LOGIN_LIMITS;
  let wait = await waitFor(repo, keys.pair, LOGIN_LIMITS.perAccountAndAddress, windowMs, now);
  if (keys.address !== undefined)
    wait = Math.max(wait, await waitFor(repo, keys.address, LOGIN_LIMITS.perAddress, windowMs, now));
  // Many addresses failing on one account: those that failed on it wait; a fresh one does not.
  const pair = await repo.get(keys.pair);
  if (pair !== undefined && pair.count > 0 && pair.windowStartedAt.getTime() + windowMs > now) {
    wait = Math.max(wait, await waitFor(repo, keys.account, LOGIN_LIMITS.perAccount, windowMs, now));
  }
  return wait;
}

/** Counts a failed login; returns the account's failures in the window (to tell its owner). */
export async function countLoginFailure(ctx: IdentityContext, db: DbOrTx, email: string): Promise<number> {
  const repo = createRateLimitRepo(db, ctx.tenant.id);
  const keys = keysFor(ctx, email);
  const now = ctx.clock();
  await repo.hit(keys.pair, LOGIN_LIMITS.windowMs, now);
  const account = await repo.hit(keys.account, LOGIN_LIMITS.windowMs, now);
  if (keys.address !== undefined) await repo.hit(keys.address, LOGIN_LIMITS.windowMs, now);
  return account.count;
}

/** A successful login clears the account's failures from this address and account-wide (the address keeps its count). */
export async function resetLoginFailures(ctx: IdentityContext, db: DbOrTx, email: string): Promise<void> {
  const repo = createRateLimitRepo(db, ctx.tenant.id);
  const keys = keysFor(ctx, email);
  await repo.reset(keys.pair);
  await repo.reset(keys.account);
}

/**
 * Unknown link tokens allowed per address per window (invitation and reset links alike). A link
 * is a long random token, so only someone guessing fails this often; the person the link was sent
 * to, from any other address, is never held back.
 */
export const LINK_LIMIT = { windowMs: 15 * 60 * 1000, attempts: 20 } as const;

const linkKey = (ctx: IdentityContext) => `link:address:${ctx.meta.clientAddress ?? "unknown"}`;

/** Seconds before this address may present a link again, or 0. */
export async function linkRetryAfter(ctx: IdentityContext): Promise<number> {
  const repo = createRateLimitRepo(ctx.db, ctx.tenant.id);
  return waitFor(repo, linkKey(ctx), LINK_LIMIT.attempts, LINK_LIMIT.windowMs, ctx.clock().getTime());
}

export async function countLinkFailure(ctx: IdentityContext): Promise<void> {
  await createRateLimitRepo(ctx.db, ctx.tenant.id).hit(linkKey(ctx), LINK_LIMIT.windowMs, ctx.clock());
}

const passwordKey = (personId: string) => `password-change:${personId}`;

/** Seconds before this person may try their current password again, or 0. */
export async function passwordChangeRetryAfter(ctx: IdentityContext, personId: string): Promise<number> {
  const repo = createRateLimitRepo(ctx.db, ctx.tenant.id);
  const { attempts, windowMs } = PASSWORD_CHANGE_LIMIT;
  return waitFor(repo, passwordKey(personId), attempts, windowMs, ctx.clock().getTime());
}

export async function countPasswordChangeFailure(ctx: IdentityContext, personId: string): Promise<void> {
  await createRateLimitRepo(ctx.db, ctx.tenant.id).hit(
    passwordKey(personId),
    PASSWORD_CHANGE_LIMIT.windowMs,
    ctx.clock(),
  );
}
