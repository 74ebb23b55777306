import type { PlatformStatus } from "../identity/platform.ts";
import type { LocalizedText } from "../locale.ts";
import type { RegionCode } from "../tenant.ts";

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
