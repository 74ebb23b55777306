import { createHash, KeyObject } from "node:crypto";
import { httpbis } from "http-message-signatures";
import { createSigner } from "http-message-signatures/lib/algorithm/index.js";
import type { NetworkNode } from "./network-harness.ts";

export interface PostingKey {
  privateKey: KeyObject;
  keyId: string;
}

/** A node's tenant actor's real RSA key, as its node signs with it. */
export async function rsaKeyOf(node: NetworkNode): Promise<PostingKey> {
  const pairs = await node.federation().keys.keyPairsOf(node.tenant.id, node.tenant.slug);
  const rsa = pairs.find((p) => p.kind === "rsa");
  if (rsa === undefined) throw new Error(`${node.tenant.slug} has no RSA key`);
  return { privateKey: KeyObject.from(rsa.keyPair.privateKey), keyId: `${node.actorUrl}#main-key` };
}

/**
 * Signs an activity (RFC 9421, with its content digest) and posts it to an inbox, as a node
 * would, or not quite: an old `created`, or a body changed after signing.
 */
export async function signedPost(
  inbox: string,
  activity: Record<string, unknown>,
  key: PostingKey,
  options: { created?: Date; tamper?: (body: string) => string } = {},
): Promise<Response> {
  const body = JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams", ...activity });
  const signed = await httpbis.signMessage(
    {
      key: createSigner(key.privateKey, "rsa-v1_5-sha256", key.keyId),
      fields: ["@method", "@target-uri", "content-digest"],
      paramValues: { created: options.created ?? new Date() },
    },
    {
      method: "POST",
      url: inbox,
      headers: {
        "content-type": "application/activity+json",
        "content-digest": `sha-256=:${createHash("sha256").update(body).digest("base64")}:`,
      },
    },
  );
  return fetch(inbox, {
    method: "POST",
    headers: signed.headers as Record<string, string>,
    body: options.tamper ? options.tamper(body) : body,
  });
}
