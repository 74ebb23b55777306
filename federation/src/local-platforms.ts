import type { LocalizedText, PlatformStatus, Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";

/** A national platform as its region's node keeps it, as far as federation needs it. */
export interface LocalPlatform {
  countryCode: string;
  status: PlatformStatus;
  names: LocalizedText;
}

/**
 * The national platforms a region keeps (the identity area owns them), as a port: federation
 * serves each one's actor and publishes the region's roster from them. The node passes the
 * implementation the area provides.
 */
export interface LocalPlatforms {
  list(db: DbOrTx, tenant: Tenant): Promise<LocalPlatform[]>;
  findByCountry(db: DbOrTx, tenant: Tenant, countryCode: string): Promise<LocalPlatform | undefined>;
}
