/** How long the links and sessions of the identity area live. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const PASSWORD_RESET_TTL_MS = 2 * 3600 * 1000;
/** A signed token lives this long; it is renewed while the person is active. */
export const SESSION_TOKEN_TTL_MS = 30 * 60 * 1000;
/** A session ends this long after login, however active the person is. */
export const SESSION_MAX_AGE_MS = 12 * 3600 * 1000;

export function expiresAt(now: Date, ttlMs: number): Date {
  return new Date(now.getTime() + ttlMs);
}

/** A single-use link (invitation or password reset) as the database holds it. */
export interface SingleUseLink {
  expiresAt: Date;
  usedAt: Date | null;
}

export type LinkState = "usable" | "used" | "expired";

/** A link may be used once, before its expiry; a used link stays used even when it has expired. */
export function linkState(link: SingleUseLink, now: Date): LinkState {
  if (link.usedAt !== null) return "used";
  if (now.getTime() >= link.expiresAt.getTime()) return "expired";
  return "usable";
}

/** A server-side session record, as the check on every request sees it. */
export interface SessionRecord {
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionState = "active" | "revoked" | "expired";

export function sessionState(session: SessionRecord, now: Date): SessionState {
  if (session.revokedAt !== null) return "revoked";
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  return "active";
}

/** When a fresh token for this session should expire: its own lifetime, capped by the session's end. */
export function tokenExpiry(session: SessionRecord, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_TOKEN_TTL_MS, session.expiresAt.getTime()));
}

/** A token past half its life is renewed, so an active person is never cut off mid-task. */
export function shouldRenewToken(tokenExpiresAt: Date, now: Date): boolean {
  return tokenExpiresAt.getTime() - now.getTime() < SESSION_TOKEN_TTL_MS / 2;
}
