import type { Locale, Tenant } from "@dynamo/domain";
import type { Translator } from "@dynamo/ui";
import type { Logger } from "@logtape/logtape";

/** What every request carries, before and after its tenant is known. */
export interface NodeVariables {
  requestId: string;
  locale: Locale;
  t: Translator;
  logger: Logger;
  /** Undefined on node-level routes (/healthz, /api/openapi.json, assets). */
  tenant: Tenant | undefined;
}

export type NodeEnv = { Variables: NodeVariables };

/** Routes below the tenant middleware: the tenant is always known. */
export type TenantEnv = { Variables: Omit<NodeVariables, "tenant"> & { tenant: Tenant } };
