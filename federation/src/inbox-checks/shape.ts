import { z } from "zod";

const url = z.string().url().max(2048);
const reference = z.union([url, z.object({ id: url }).passthrough()]);

/**
 * The shape every incoming activity must have before any JSON-LD processing sees it: an id, a
 * type, one actor, and an object that is a URL or has one (when it has an id). Anything else is
 * refused as malformed.
 */
export const IncomingActivityShape = z
  .object({
    id: url,
    type: z.string().min(1).max(64),
    actor: reference,
    object: z
      .union([
        url,
        z.object({ id: url.optional(), type: z.unknown().optional(), actor: reference.optional() }).passthrough(),
      ])
      .optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof IncomingActivityShape>;

export const refId = (value: string | { id: string } | undefined): string | undefined =>
  typeof value === "string" ? value : value?.id;

/** The key id a request was signed with (RFC 9421 Signature-Input, or draft-cavage Signature). */
export function signingKeyId(headers: Headers): string | undefined {
  const header = headers.get("signature-input") ?? headers.get("signature") ?? "";
  return /keyid="([^"]+)"/i.exec(header)?.[1];
}
