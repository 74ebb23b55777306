import type { LocalizedText, PlatformStatus, RegionCode } from "@dynamo/core";

/** A national platform as the network knows it: published by its region, kept by the hub (and peers). */
export interface NetworkPlatform {
  platformActorId: string;
  regionActorId: string;
  regionCode: RegionCode | null;
  countryCode: string;
  status: PlatformStatus;
  names: LocalizedText;
  updatedAt: Date;
}
