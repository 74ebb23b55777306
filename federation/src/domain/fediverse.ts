import type { LocalizedText } from "@dynamo/core";

/** A fediverse reader following a tenant's publications: never a peer, never trusted. */
export interface FediverseFollower {
  actorId: string;
  inbox: string;
  sharedInbox: string | null;
  server: string;
  name: string | null;
  since: Date;
}

export interface BlockedServer {
  server: string;
  reason: string | null;
  blockedAt: Date;
}

/** How a tenant's actor presents itself to fediverse users. */
export interface FediverseProfile {
  summaries: LocalizedText;
  discoverable: boolean;
  /** Its own logo; null: the network's. */
  icon: { mediaType: string; bytes: Uint8Array } | null;
  updatedAt: Date | null;
}

/** The image types fediverse servers take as an avatar. */
export const ICON_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type IconMediaType = (typeof ICON_MEDIA_TYPES)[number];
export const MAX_ICON_BYTES = 512 * 1024;

/** The file signature of each image type: a file is what its bytes say, not what its name says. */
export function iconMediaTypeOf(bytes: Uint8Array): IconMediaType | undefined {
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42)
    return "image/webp";
  return undefined;
}

export type IconProblem = { kind: "icon-not-an-image" } | { kind: "icon-too-large"; maxBytes: number };

/** An uploaded logo: one of the image types fediverse servers take, at most MAX_ICON_BYTES. */
export function checkIcon(
  bytes: Uint8Array,
): { ok: true; mediaType: IconMediaType } | { ok: false; error: IconProblem } {
  if (bytes.length > MAX_ICON_BYTES) return { ok: false, error: { kind: "icon-too-large", maxBytes: MAX_ICON_BYTES } };
  const mediaType = iconMediaTypeOf(bytes);
  return mediaType ? { ok: true, mediaType } : { ok: false, error: { kind: "icon-not-an-image" } };
}

/** A server as an admin names it: a host, with a port if it has one, lower case; undefined if it is not one. */
export function normalizeServer(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).host;
  } catch {
    return undefined;
  }
  return /^[a-z0-9.-]+(?::\d{1,5})?$/.test(host) && host.includes(".") ? host : undefined;
}

/** The server (host[:port]) of an actor or inbox URL. */
export function serverOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
