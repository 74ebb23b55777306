export { type AuditEvent, type AuditRepo, createAuditRepo, recordSystemAudit } from "./audit.ts";
export { createDb, type Database } from "./create-db.ts";
export {
  claimAreaEvents,
  markAreaEventFailed,
  markAreaEventHandled,
  recordAreaEvent,
  type StoredEvent,
} from "./events.ts";
export {
  areaEventReceipts,
  areaEvents,
  at,
  auditEvents,
  backupRuns,
  nodeUptime,
  tenantHosts,
  tenantId,
  tenants,
} from "./schema.ts";
export { type CreateTenantFailure, cachedTenantByHost, createTenantRepo } from "./tenants.ts";
export type { Db, DbOrTx, Tx } from "./types.ts";
export { createUptime, staleAfter, startHeartbeat, type Uptime } from "./uptime.ts";
