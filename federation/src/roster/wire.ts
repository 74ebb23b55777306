import {
  isLocale,
  isRegionCode,
  LOCALES,
  type LocalizedText,
  PLATFORM_STATUSES,
  type PlatformStatus,
  type RegionCode,
} from "@dynamo/core";
import { LanguageString } from "@fedify/fedify";
import { Collection, Organization, PropertyValue } from "@fedify/vocab";
import { Temporal } from "temporal-polyfill";
import type { PublishedPlatform } from "../db/roster.ts";

/** The actor identifier of a national platform: `platform-<country code>`, e.g. platform-be. */
export const platformActorIdentifier = (countryCode: string) => `platform-${countryCode.toLowerCase()}`;

export function countryOfPlatformIdentifier(identifier: string): string | undefined {
  const match = /^platform-([a-z]{2})$/.exec(identifier);
  return match?.[1]?.toUpperCase();
}

/** Where a roster collection lives under its actor: the platforms a region publishes, the regions the hub trusts. */
export const rosterCollectionId = (actor: URL, roster: "platforms" | "regions") => new URL(`${actor.href}/${roster}`);

const names = (text: LocalizedText) =>
  LOCALES.flatMap((locale) => (text[locale] ? [new LanguageString(text[locale] as string, locale)] : []));

const field = (name: string, value: string) => new PropertyValue({ name, value });

/** A region's platforms: a collection of Organization actors, each with its country and status as fields. */
export function platformsCollection(
  region: URL,
  regionCode: RegionCode | null,
  platforms: readonly PublishedPlatform[],
  at: Date,
): Collection {
  return new Collection({
    id: rosterCollectionId(region, "platforms"),
    updated: Temporal.Instant.fromEpochMilliseconds(at.getTime()),
    attachments: regionCode ? [field("region", regionCode)] : [],
    items: platforms.map(
      (p) =>
        new Organization({
          id: new URL(p.platformActorId),
          names: names(p.names),
          attachments: [field("country", p.countryCode), field("status", p.status)],
        }),
    ),
  });
}

/** The hub's roster: the ids of the regions it is peered with. */
export function regionsCollection(hub: URL, regions: readonly string[], at: Date): Collection {
  return new Collection({
    id: rosterCollectionId(hub, "regions"),
    updated: Temporal.Instant.fromEpochMilliseconds(at.getTime()),
    items: regions.map((id) => new URL(id)),
  });
}

async function fields(object: Organization | Collection): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const attachment of object.getAttachments()) {
    if (attachment instanceof PropertyValue && attachment.name !== null && attachment.value !== null)
      out.set(String(attachment.name), String(attachment.value));
  }
  return out;
}

export type RosterMessage =
  | { roster: "platforms"; regionCode: RegionCode | null; platforms: PublishedPlatform[]; updatedAt: Date }
  | { roster: "regions"; regions: string[]; updatedAt: Date };

/**
 * Reads an updated roster collection; undefined when the collection is not one of ours. Items
 * are embedded and not fetched; an item that lacks a country or a valid status is dropped.
 */
export async function readRoster(collection: Collection): Promise<RosterMessage | undefined> {
  const id = collection.id?.href ?? "";
  const updatedAt = collection.updated ? new Date(collection.updated.epochMilliseconds) : new Date(0);
  if (id.endsWith("/regions")) {
    return { roster: "regions", regions: collection.itemIds.map((u) => u.href), updatedAt };
  }
  if (!id.endsWith("/platforms")) return undefined;
  const regionCode = (await fields(collection)).get("region");
  const platforms: PublishedPlatform[] = [];
  for await (const item of collection.getItems({ crossOrigin: "ignore" })) {
    if (!(item instanceof Organization) || item.id === null) continue;
    const itemFields = await fields(item);
    const country = itemFields.get("country");
    const status = itemFields.get("status");
    if (!country || !/^[A-Z]{2}$/.test(country)) continue;
    if (!status || !(PLATFORM_STATUSES as readonly string[]).includes(status)) continue;
    const itemNames: LocalizedText = {};
    for (const name of item.names) {
      const language = name instanceof LanguageString ? name.locale.language : undefined;
      if (language && isLocale(language)) itemNames[language] = String(name);
    }
    platforms.push({
      platformActorId: item.id.href,
      countryCode: country,
      status: status as PlatformStatus,
      names: itemNames,
    });
  }
  return { roster: "platforms", regionCode: isRegionCode(regionCode) ? regionCode : null, platforms, updatedAt };
}
