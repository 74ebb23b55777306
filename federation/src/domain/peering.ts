import type { RegionCode } from "@dynamo/core";

/** Where a peering stands: asked for, in force, refused by the other side's admin, or ended by either side. */
export const PEER_STATES = ["requested", "active", "refused", "ended"] as const;
export type PeerState = (typeof PEER_STATES)[number];

/** Who asked: this tenant followed the remote actor (outgoing) or the remote actor followed us (incoming). */
export type PeerDirection = "outgoing" | "incoming";

/**
 * Another node's actor this tenant federates with. A peering is mutual once active: both sides
 * deliver their activities to each other and trust each other's messages; nothing else is trusted.
 */
export interface Peer {
  actorId: string;
  inbox: string;
  sharedInbox: string | null;
  /** scheme://host[:port] of the actor: only this origin may speak for it. */
  origin: string;
  direction: PeerDirection;
  state: PeerState;
  /** The Follow that opened the request (ours or theirs): Accept, Reject and Undo point at it. */
  followActivityId: string | null;
  name: string | null;
  regionCode: RegionCode | null;
  since: Date;
  /** The person who approved, refused or ended it; null when the other side did, or automatically. */
  decidedBy: string | null;
  reason: string | null;
  lastCaughtUpAt: Date | null;
  /** Made because the hub's roster lists this region: it ends when the roster no longer does. */
  viaRoster: boolean;
}

/** What happened to a peering, by whom: a local decision or a message from the other side. */
export type PeeringEvent =
  | { kind: "follow-received"; followActivityId: string; trustedByRoster: boolean }
  | { kind: "accept-received" }
  | { kind: "reject-received" }
  | { kind: "undo-received" }
  | { kind: "approve" }
  | { kind: "refuse" }
  | { kind: "end" };

export type PeeringReply = "accept" | "reject" | "undo" | "none";

export type PeeringDecision =
  | { ok: true; state: PeerState; reply: PeeringReply; changed: boolean }
  | { ok: false; reason: "not-pending" | "not-active" | "unexpected" };

/**
 * The peering state machine. A Follow from a region the hub's roster lists (or from an actor we
 * asked ourselves) is accepted at once; any other waits for an admin. Approving answers Accept,
 * refusing answers Reject; ending answers Undo when we followed, Reject when they did.
 * Messages that repeat the current state change nothing and ask for no reply, except a repeated
 * Follow on an active peering, answered again (the first Accept may have been lost).
 */
export function decidePeering(
  current: Pick<Peer, "state" | "direction"> | undefined,
  event: PeeringEvent,
): PeeringDecision {
  const state = current?.state;
  switch (event.kind) {
    case "follow-received": {
      if (state === "active") return { ok: true, state: "active", reply: "accept", changed: false };
      const mutual = current?.direction === "outgoing" && state === "requested";
      if (mutual || event.trustedByRoster) return { ok: true, state: "active", reply: "accept", changed: true };
      return { ok: true, state: "requested", reply: "none", changed: state !== "requested" };
    }
    case "accept-received":
      if (state === "active") return { ok: true, state, reply: "none", changed: false };
      if (state === "requested" && current?.direction === "outgoing")
        return { ok: true, state: "active", reply: "none", changed: true };
      return { ok: false, reason: "unexpected" };
    case "reject-received":
      if (state === undefined) return { ok: false, reason: "unexpected" };
      if (state === "refused" || state === "ended") return { ok: true, state, reply: "none", changed: false };
      return { ok: true, state: state === "active" ? "ended" : "refused", reply: "none", changed: true };
    case "undo-received":
      if (state === undefined) return { ok: false, reason: "unexpected" };
      if (state === "ended" || state === "refused") return { ok: true, state, reply: "none", changed: false };
      return { ok: true, state: "ended", reply: "none", changed: true };
    case "approve":
      if (state !== "requested" || current?.direction !== "incoming") return { ok: false, reason: "not-pending" };
      return { ok: true, state: "active", reply: "accept", changed: true };
    case "refuse":
      if (state !== "requested" || current?.direction !== "incoming") return { ok: false, reason: "not-pending" };
      return { ok: true, state: "refused", reply: "reject", changed: true };
    case "end":
      if (state !== "active" && state !== "requested") return { ok: false, reason: "not-active" };
      return {
        ok: true,
        state: "ended",
        reply: current?.direction === "outgoing" ? "undo" : "reject",
        changed: true,
      };
  }
}

/** Only an active peer is trusted. */
export const isTrusted = (peer: Pick<Peer, "state"> | undefined): boolean => peer?.state === "active";

/** scheme://host[:port] of a URL, or undefined for a string that is not an absolute http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}
