/**
 * Registering for another node's event: the member's node keeps the registration pending and
 * sends a Join; the organizer answers Accept, or Reject with a reason, always.
 */
export const JOIN_REJECTIONS = ["full", "closed", "unknown-event"] as const;
export type JoinRejection = (typeof JOIN_REJECTIONS)[number];

/** A registration at the member's node, as the organizer's answer leaves it. */
export type JoinStatus = "pending" | "accepted" | "rejected";

export type JoinAnswer = { status: "accepted" } | { status: "rejected"; reason: JoinRejection };

/**
 * The organizer's answer to a Join: unknown (not one of its own events), closed (cancelled or
 * over), full (every place taken by the accepted registrations, local or remote); a registration
 * accepted before stays accepted.
 */
export function answerJoin(
  event: { status: string; endsAt: Date; capacity: number | null } | undefined,
  now: Date,
  taken: number,
  alreadyAccepted: boolean,
): JoinAnswer {
  if (event === undefined) return { status: "rejected", reason: "unknown-event" };
  if (event.status === "cancelled" || event.endsAt.getTime() <= now.getTime())
    return { status: "rejected", reason: "closed" };
  if (alreadyAccepted) return { status: "accepted" };
  if (event.capacity !== null && taken >= event.capacity) return { status: "rejected", reason: "full" };
  return { status: "accepted" };
}
