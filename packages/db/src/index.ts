export { createDb, type Database, type DatabaseOptions, MIGRATIONS_FOLDER } from "./create-db.ts";
export { DataDirLockedError } from "./pglite-lock.ts";
export {
  type ActorKeyRepo,
  createActorKeyRepo,
  type NewActorKey,
  type StoredActorKey,
} from "./repositories/actor-keys.ts";
export * from "./repositories/ballots/index.ts";
export * from "./repositories/identity/index.ts";
export * from "./repositories/mail.ts";
export * from "./repositories/network/index.ts";
export * from "./repositories/reports/index.ts";
export { type CreateTenantFailure, createTenantRepo, type TenantRepo } from "./repositories/tenants.ts";
export * as schema from "./schema/index.ts";
export type { Db, DbOrTx, Schema, Tx } from "./types.ts";
