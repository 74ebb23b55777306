import { COUNTRY_CODES, LOCALES, PLATFORM_SEATS, PLATFORM_STATUSES, ROLES } from "@dynamo/core";
import { z } from "@hono/zod-openapi";

const locale = z.enum(LOCALES);
const role = z.enum(ROLES as [string, ...string[]]);
const seat = z.enum(PLATFORM_SEATS);

export const PersonSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    locale,
    roles: z.array(role),
    platformId: z.string().uuid().nullable(),
    platformSeat: seat.nullable(),
    status: z
      .enum(["pending", "active", "disabled"])
      .openapi({ description: "pending: invited, no password chosen yet; disabled: closed by an administrator" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Person");

export const LocalizedTextSchema = z
  .object({ fr: z.string().max(200), en: z.string().max(200), es: z.string().max(200), pt: z.string().max(200) })
  .partial()
  .openapi("LocalizedText");

const optionalText = (max: number) => z.string().trim().max(max).nullable();

export const ContactSchema = z
  .object({
    email: optionalText(254),
    phone: optionalText(60),
    address: optionalText(500),
    website: optionalText(300),
  })
  .openapi("PlatformContact");

export const PlatformSchema = z
  .object({
    id: z.string().uuid(),
    countryCode: z.string().openapi({ description: "ISO 3166-1 alpha-2", example: "BE" }),
    names: LocalizedTextSchema,
    name: z.string().openapi({ description: "The name in the negotiated language" }),
    status: z.enum(PLATFORM_STATUSES),
    votes: z.boolean().openapi({ description: "Only active platforms vote" }),
    joinedOn: z.string().openapi({ format: "date" }),
    contact: ContactSchema,
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Platform");

export const StatusChangeSchema = z
  .object({
    from: z.enum(PLATFORM_STATUSES).nullable(),
    to: z.enum(PLATFORM_STATUSES),
    reason: z.string(),
    changedBy: z.string().nullable(),
    changedByName: z.string().nullable(),
    changedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("PlatformStatusChange");

export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable(),
    outcome: z.enum(["success", "failure"]),
    clientAddress: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEvent");

export const LinkSchema = z
  .object({
    url: z.string().openapi({ description: "The single-use link to give to the person; shown once" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SingleUseLink");

export const NewPlatformSchema = z.object({
  countryCode: z
    .string()
    .min(2)
    .max(2)
    .openapi({ enum: [...COUNTRY_CODES] }),
  names: LocalizedTextSchema,
  status: z.enum(PLATFORM_STATUSES).default("active"),
  joinedOn: z.string().openapi({ format: "date", example: "2019-05-01" }),
  contact: ContactSchema.partial().optional(),
  reason: z.string().max(1000).optional(),
});

export const PlatformChangeSchema = z.object({
  names: LocalizedTextSchema.optional(),
  joinedOn: z.string().optional(),
  contact: ContactSchema.partial().optional(),
  status: z.enum(PLATFORM_STATUSES).optional(),
  reason: z.string().max(1000).optional(),
});

export const InvitationSchema = z.object({
  email: z.string().max(254),
  displayName: z.string().max(200),
  locale: locale.optional(),
  roles: z.array(role).min(1),
  platformId: z.string().uuid().nullable().optional(),
  platformSeat: seat.nullable().optional(),
});

export const MemberChangeSchema = z.object({
  roles: z.array(role).min(1).optional(),
  platformId: z.string().uuid().nullable().optional(),
  platformSeat: seat.nullable().optional(),
});

export const password = z.string().max(1024);
