import type { Locale, Person, Principal, Tenant } from "@dynamo/core";
import type { Translator } from "@dynamo/ui";
import type { Logger } from "@logtape/logtape";
import type { RecordAudit } from "./audit.ts";
import type { Site } from "./site.ts";

/** What every request carries, before and after its tenant is known. */
export interface NodeVariables {
  /** What the node was assembled from: its areas' policy, problems, navigation and catalogs. */
  site: Site;
  requestId: string;
  locale: Locale;
  t: Translator;
  logger: Logger;
  /** Undefined on node-level routes (/healthz, /api/openapi.json, assets). */
  tenant: Tenant | undefined;
}

export type NodeEnv = { Variables: NodeVariables };

/** The signed-in person of this tenant, set by the identity middleware. */
export interface RequestAuth {
  principal: Principal;
  person: Person;
  sessionId: string;
  /** A browser's cookie (forms need a CSRF token) or an API client's bearer token. */
  via: "cookie" | "bearer";
}

/** Routes below the tenant middleware: the tenant is always known. */
export type TenantEnv = {
  Variables: Omit<NodeVariables, "tenant"> & {
    tenant: Tenant;
    /** Who asks, for the policy: also set for a valid token of another tenant, which may do nothing here. */
    principal: Principal | undefined;
    auth: RequestAuth | undefined;
    /** The token every form of this request's page must carry. */
    csrfToken: string | undefined;
    /** Records a governance action of this request in the tenant's audit log. */
    audit: RecordAudit;
  };
};
