import { err, ok, type Person, type Principal, type Result } from "@dynamo/core";
import { verifyPassword } from "../crypto/secrets.ts";
import { signSessionToken, verifySessionToken } from "../crypto/session-token.ts";
import { createPeopleRepo } from "../db/people.ts";
import { createSessionRepo } from "../db/sessions.ts";
import { expiresAt, SESSION_MAX_AGE_MS, sessionState, shouldRenewToken, tokenExpiry } from "../domain/expiry.ts";
import { normalizeEmail } from "../domain/person.ts";
import { recordAudit } from "./audit.ts";
import type { Actor, IdentityContext } from "./context.ts";
import type { IdentityError } from "./errors.ts";
import { countLoginFailure, LOGIN_LIMITS, loginRetryAfter, resetLoginFailures } from "./rate-limit.ts";

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  sessionId: string;
  person: Person;
}

/**
 * Checks an email and password. The answer is the same whether the email is unknown, the
 * person has not joined yet, or the password is wrong; failures count toward the rate limits.
 */
export async function login(
  ctx: IdentityContext,
  input: { email: string; password: string },
): Promise<Result<IssuedSession, IdentityError>> {
  const email = normalizeEmail(input.email) ?? input.email.trim().toLowerCase().slice(0, 254);
  const retryAfterSeconds = await loginRetryAfter(ctx, email);
  if (retryAfterSeconds > 0) {
    await recordAudit(ctx, ctx.db, {
      action: "session.login",
      outcome: "failure",
      actor: { id: null, label: email },
      details: { reason: "rate-limited" },
    });
    return err({ kind: "rate-limited", retryAfterSeconds });
  }
  const credentials = await createPeopleRepo(ctx.db, ctx.tenant.id).findCredentials(email);
  const valid = await verifyPassword(credentials?.passwordHash, input.password);
  if (!valid || credentials === undefined) {
    const failures = await ctx.db.transaction(async (tx) => {
      const counted = await countLoginFailure(ctx, tx, email);
      await recordAudit(ctx, tx, {
        action: "session.login",
        outcome: "failure",
        actor: { id: credentials?.person.id ?? null, label: email },
        details: { reason: "invalid-credentials" },
      });
      return counted;
    });
    // Told once per window, when the failures reach the level: the route emails the owner.
    const owner = credentials?.person;
    if (owner !== undefined && owner.status === "active" && failures === LOGIN_LIMITS.alertOwnerAt) {
      return err({ kind: "invalid-credentials", alert: { person: owner, failures } });
    }
    return err({ kind: "invalid-credentials" });
  }
  const person = credentials.person;
  if (person.status === "disabled") {
    await recordAudit(ctx, ctx.db, {
      action: "session.login",
      outcome: "failure",
      actor: { id: person.id, label: email },
      details: { reason: "account-disabled" },
    });
    return err({ kind: "account-disabled" });
  }
  return ok(
    await ctx.db.transaction(async (tx) => {
      await resetLoginFailures(ctx, tx, email);
      const issued = await openSession(ctx, tx, person);
      await recordAudit(ctx, tx, {
        action: "session.login",
        outcome: "success",
        actor: { id: person.id, label: person.email },
        target: { type: "session", id: issued.sessionId },
      });
      return issued;
    }),
  );
}

async function openSession(
  ctx: IdentityContext,
  db: Parameters<typeof createSessionRepo>[0],
  person: Person,
): Promise<IssuedSession> {
  const now = ctx.clock();
  const sessionId = ctx.newId();
  const sessionEnd = expiresAt(now, SESSION_MAX_AGE_MS);
  await createSessionRepo(db, ctx.tenant.id).create({
    id: sessionId,
    personId: person.id,
    expiresAt: sessionEnd,
    clientAddress: ctx.meta.clientAddress,
    now,
  });
  const tokenEnd = tokenExpiry({ expiresAt: sessionEnd, revokedAt: null }, now);
  const token = await signSessionToken(
    ctx.keys,
    { sessionId, personId: person.id, tenantId: ctx.tenant.id, expiresAt: tokenEnd },
    now,
  );
  return { token, expiresAt: tokenEnd, sessionId, person };
}

export type Authentication =
  | { kind: "none" }
  /** A valid token of another tenant on this node: known, but allowed nothing here. */
  | { kind: "foreign"; principal: Principal }
  | { kind: "signed-in"; actor: Actor; renewed: { token: string; expiresAt: Date } | undefined };

/**
 * Who a token belongs to, checked against the server-side session on every request: a revoked
 * or expired session ends at once. A token past half its life is renewed.
 */
export async function authenticate(ctx: IdentityContext, token: string): Promise<Authentication> {
  const now = ctx.clock();
  const checked = await verifySessionToken(ctx.keys, token, now);
  if (!checked.ok) return { kind: "none" };
  const { claims } = checked;
  if (claims.tenantId !== ctx.tenant.id) {
    return { kind: "foreign", principal: { personId: claims.personId, tenantId: claims.tenantId, roles: [] } };
  }
  const sessions = createSessionRepo(ctx.db, ctx.tenant.id);
  const found = await sessions.findWithPerson(claims.sessionId);
  if (found === undefined || found.session.personId !== claims.personId) return { kind: "none" };
  const { session, person } = found;
  if (sessionState(session, now) !== "active") return { kind: "none" };
  if (person.status !== "active") return { kind: "none" };
  let renewed: { token: string; expiresAt: Date } | undefined;
  if (shouldRenewToken(claims.expiresAt, now)) {
    const tokenEnd = tokenExpiry(session, now);
    if (tokenEnd.getTime() > claims.expiresAt.getTime()) {
      renewed = {
        token: await signSessionToken(ctx.keys, { ...claims, expiresAt: tokenEnd }, now),
        expiresAt: tokenEnd,
      };
      await sessions.touch(session.id, now);
    }
  }
  return {
    kind: "signed-in",
    actor: {
      principal: { personId: person.id, tenantId: ctx.tenant.id, roles: person.roles },
      person,
      sessionId: session.id,
    },
    renewed,
  };
}

/** Ends the actor's own session. */
export async function logout(ctx: IdentityContext, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await createSessionRepo(tx, ctx.tenant.id).revoke(actor.sessionId, "logout", ctx.clock());
    await recordAudit(ctx, tx, {
      action: "session.logout",
      outcome: "success",
      actor,
      target: { type: "session", id: actor.sessionId },
    });
  });
}
