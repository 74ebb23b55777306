import type { Handled } from "@dynamo/federation";
import type { BallotsContext } from "../deps.ts";
import type { Received } from "../network.ts";

/** The fields every signed ballot document (a vote, a delegation) repeats from its message. */
interface SignedDocument {
  id: string;
  actor: string;
  ballot: string;
}

/**
 * The checks a signed ballot document passes besides its proof (which federation checked, with
 * the actor that sent it as the signer): it names the very message that carried it and the
 * ballot that message answers. A document that fails changes nothing and is refused.
 */
export function refuseMismatch(
  ctx: BallotsContext,
  message: Received<SignedDocument>,
  what: "vote" | "delegation",
): Handled {
  const { document: doc, envelope } = message;
  if (doc.id === envelope.activityId && doc.ballot === envelope.about) return undefined;
  ctx.logger.warning("{what} {id} from {actor} refused: it does not name the message that carried it", {
    what,
    id: envelope.activityId,
    actor: envelope.actorId,
  });
  return { refused: "proof-does-not-match", detail: `${what} ${doc.id} for ${doc.ballot}` };
}
