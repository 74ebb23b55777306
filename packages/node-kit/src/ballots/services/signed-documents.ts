import type { z } from "@hono/zod-openapi";
import type { BallotsContext } from "../deps.ts";
import type { BallotsNetwork, ReceivedBallotActivity } from "../network.ts";

/** The fields every signed ballot document (a vote, a delegation) repeats from its activity. */
interface SignedDocument {
  id: string;
  actor: string;
  ballot: string;
}

/**
 * Reads the signed document a platform's actor sent (a vote or a delegation) and checks it before
 * anything is stored, outside any transaction (the key may be fetched): its shape, its integrity
 * proof against a key the sending actor controls, and that it names the same id, actor and ballot
 * as the activity carrying it. Returns the document, or undefined once the refusal is logged (a
 * document that fails this changes nothing).
 */
export async function readSignedDocument<S extends z.ZodType<SignedDocument>>(
  ctx: BallotsContext,
  network: BallotsNetwork,
  activity: ReceivedBallotActivity,
  schema: S,
  what: string,
): Promise<{ doc: z.infer<S>; signed: Record<string, unknown> } | undefined> {
  const note = activity.object;
  if (note.type !== "Note") return undefined;
  const refuse = (reason: string) => {
    ctx.logger.warning("{what} {id} from {actor} refused: {reason}", {
      what,
      id: activity.id,
      actor: activity.actor,
      reason,
    });
    return undefined;
  };
  const parsed = schema.safeParse(note.payload);
  if (!parsed.success) return refuse("malformed");
  const doc: SignedDocument = parsed.data;
  const signed = note.payload as Record<string, unknown>;
  const proof = await network.verifyVote(ctx.tenant, signed);
  if (!proof.ok) return refuse(proof.error.kind);
  if (
    proof.value.controller !== activity.actor ||
    doc.actor !== activity.actor ||
    doc.id !== activity.id ||
    doc.ballot !== note.inReplyTo
  ) {
    return refuse("proof-does-not-match");
  }
  return { doc: parsed.data, signed };
}
