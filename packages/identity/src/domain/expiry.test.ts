import { describe, expect, it } from "vitest";
import { linkState, SESSION_TOKEN_TTL_MS, sessionState, shouldRenewToken, tokenExpiry } from "./expiry.ts";

const at = (iso: string) => new Date(iso);

describe("single-use links", () => {
  it("are usable once before their expiry, then used or expired", () => {
    const link = { expiresAt: at("2025-01-08T00:00:00Z"), usedAt: null };
    expect(linkState(link, at("2025-01-07T23:59:59Z"))).toBe("usable");
    expect(linkState(link, at("2025-01-08T00:00:00Z"))).toBe("expired");
    expect(linkState({ ...link, usedAt: at("2025-01-02T00:00:00Z") }, at("2025-01-09T00:00:00Z"))).toBe("used");
  });
});

describe("sessions", () => {
  const session = { expiresAt: at("2025-01-01T12:00:00Z"), revokedAt: null };
  it("end when revoked or at their absolute expiry", () => {
    expect(sessionState(session, at("2025-01-01T11:00:00Z"))).toBe("active");
    expect(sessionState(session, at("2025-01-01T12:00:00Z"))).toBe("expired");
    expect(sessionState({ ...session, revokedAt: at("2025-01-01T10:00:00Z") }, at("2025-01-01T10:30:00Z"))).toBe(
      "revoked",
    );
  });

  it("issue tokens capped by the session's end, renewed past half their life", () => {
    const now = at("2025-01-01T08:00:00Z");
    expect(tokenExpiry(session, now).getTime()).toBe(now.getTime() + SESSION_TOKEN_TTL_MS);
    expect(tokenExpiry(session, at("2025-01-01T11:50:00Z"))).toEqual(session.expiresAt);
    const issued = tokenExpiry(session, now);
    expect(shouldRenewToken(issued, now)).toBe(false);
    expect(shouldRenewToken(issued, new Date(now.getTime() + SESSION_TOKEN_TTL_MS / 2 + 1))).toBe(true);
  });
});
