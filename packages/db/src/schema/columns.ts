import { timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.ts";

/** The tenant a row belongs to: every tenant-scoped table has it, and loses its rows with the tenant. */
export const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** A moment, with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });
