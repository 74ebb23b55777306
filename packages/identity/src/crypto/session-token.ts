import type { PersonId, TenantId } from "@dynamo/core";
import { errors, jwtVerify, SignJWT } from "jose";
import type { IdentityKeys } from "./keys.ts";

export interface SessionClaims {
  sessionId: string;
  personId: PersonId;
  tenantId: TenantId;
  expiresAt: Date;
}

/** A short-lived EdDSA token naming the session (jti), the person (sub) and the tenant (tid). */
export async function signSessionToken(keys: IdentityKeys, claims: SessionClaims, now: Date): Promise<string> {
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT" })
    .setSubject(claims.personId)
    .setJti(claims.sessionId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(keys.signingKey);
}

export type TokenCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: "expired" | "invalid" };

/** Verifies the signature and expiry at the given time; the tenant is the caller's to compare. */
export async function verifySessionToken(keys: IdentityKeys, token: string, now: Date): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, keys.verifyKey, { algorithms: ["EdDSA"], currentDate: now });
    if (typeof payload.sub !== "string" || typeof payload.jti !== "string" || typeof payload.tid !== "string")
      return { ok: false, reason: "invalid" };
    if (typeof payload.exp !== "number") return { ok: false, reason: "invalid" };
    return {
      ok: true,
      claims: {
        sessionId: payload.jti,
        personId: payload.sub as PersonId,
        tenantId: payload.tid as TenantId,
        expiresAt: new Date(payload.exp * 1000),
      },
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    return { ok: false, reason: "invalid" };
  }
}
