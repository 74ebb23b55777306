import type { Locale, LocalizedText, PlatformSeat, PlatformStatus, Role } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** National platforms: one per country in a region. */
export const platforms = pgTable(
  "platforms",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    countryCode: text("country_code").notNull(),
    names: jsonb("names").$type<LocalizedText>().notNull(),
    status: text("status").$type<PlatformStatus>().notNull(),
    joinedOn: date("joined_on", { mode: "string" }).notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    contactAddress: text("contact_address"),
    contactWebsite: text("contact_website"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("platforms_tenant_country_key").on(t.tenantId, t.countryCode),
    check("platforms_status_check", sql`${t.status} in ('active', 'observer', 'suspended')`),
  ],
);

/** Every status a platform has had: who changed it, when and why. */
export const platformStatusChanges = pgTable(
  "platform_status_changes",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => platforms.id, { onDelete: "cascade" }),
    fromStatus: text("from_status").$type<PlatformStatus>(),
    toStatus: text("to_status").$type<PlatformStatus>().notNull(),
    reason: text("reason").notNull(),
    changedBy: uuid("changed_by").references((): AnyPgColumn => people.id, { onDelete: "set null" }),
    changedAt: at("changed_at").notNull(),
  },
  (t) => [index("platform_status_changes_platform_idx").on(t.tenantId, t.platformId, t.changedAt)],
);

/** People of a tenant. No password hash yet means invited but not yet joined. */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    locale: text("locale").$type<Locale>().notNull(),
    platformId: uuid("platform_id").references(() => platforms.id, { onDelete: "set null" }),
    platformSeat: text("platform_seat").$type<PlatformSeat>(),
    roles: text("roles").array().$type<Role[]>().notNull(),
    passwordHash: text("password_hash"),
    passwordChangedAt: at("password_changed_at"),
    /** Set while an administrator has disabled the account: no login, no session; history kept. */
    disabledAt: at("disabled_at"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("people_tenant_email_key").on(t.tenantId, t.email),
    uniqueIndex("people_platform_seat_key").on(t.platformId, t.platformSeat).where(sql`${t.platformSeat} is not null`),
  ],
);

/** Single-use links: invitations and password resets. Only a SHA-256 of the token is kept. */
export const personTokens = pgTable(
  "person_tokens",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"invitation" | "password-reset">().notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references((): AnyPgColumn => people.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
  },
  (t) => [
    uniqueIndex("person_tokens_hash_key").on(t.tokenHash),
    index("person_tokens_person_idx").on(t.tenantId, t.personId),
    check("person_tokens_purpose_check", sql`${t.purpose} in ('invitation', 'password-reset')`),
  ],
);

/** Server-side sessions: a signed token names one by its jti; revoking it ends the token at once. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull(),
    lastSeenAt: at("last_seen_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
    clientAddress: text("client_address"),
  },
  (t) => [index("sessions_person_idx").on(t.tenantId, t.personId)],
);

/** Counters of failed attempts (logins), shared by every process on the database. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    tenantId: tenantId(),
    key: text("key").notNull(),
    windowStartedAt: at("window_started_at").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);
