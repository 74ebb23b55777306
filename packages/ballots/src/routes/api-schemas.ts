import { z } from "@hono/zod-openapi";
import { ChoiceSchema } from "../wire.ts";

/** A moment, as the API writes it: an ISO 8601 date-time with its offset. */
export const instant = z.string().datetime({ offset: true });

/**
 * A named schema, or null. Not `.nullable()`: on a schema registered as a component, the OpenAPI
 * generator makes the component itself nullable, everywhere it is used.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/**
 * Why the hub refused a vote or a delegation. Kinds it sends today: wrong-ballot, duplicate-vote,
 * not-in-electorate, invalid-timestamp, ballot-not-open, ballot-closed, received-after-grace,
 * no-option-chosen, invalid-option, duplicate-option, too-many-options, substitute-not-allowed,
 * proxies-not-allowed, proxy-holder-is-self, proxy-holder-not-in-electorate, proxy-cap-exceeded,
 * ballot-cancelled, wrong-platform-actor, malformed-vote, wrong-region, no-mandate. A string, not
 * an enum: a newer hub may name a kind this node does not know yet, and it is still shown.
 */
const RefusalSchema = z
  .object({ kind: z.string().openapi({ example: "received-after-grace" }) })
  .passthrough()
  .openapi("BallotRefusal", {
    description: "Why the hub refused it; kinds listed in the ballots area's api-schemas.ts",
  });

const CastBySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("representative") }),
  z.object({ kind: z.literal("substitute") }),
  z.object({ kind: z.literal("proxy"), holder: z.string() }),
]);

/** A vote cast at the region and what became of it at the hub. */
export const CastVoteSchema = z
  .object({
    id: z.string().uuid(),
    activityId: z.string().openapi({ description: "The signed vote's activity, as the hub knows it" }),
    choice: ChoiceSchema,
    castBy: CastBySchema,
    proxyFor: z.string().nullable().openapi({ description: "Cast by proxy: the platform's country code" }),
    castByName: z.string().nullable(),
    signedAt: instant,
    status: z.enum(["queued", "delivered", "counted", "not-counted", "refused"]).openapi({
      description:
        "queued until the hub's receipt; delivered (accepted by the hub) or refused (refusal says why); counted or not-counted once the result is out",
    }),
    refusal: orNull(RefusalSchema),
    receipt: z.string().nullable().openapi({ description: "The hub's signed receipt" }),
    receiptReceivedAt: instant.nullable(),
    hubReceivedAt: instant.nullable(),
  })
  .openapi("CastVote");

/** A delegation of the platform's vote (holder null: withdrawn) and the hub's answer. */
export const DelegationSchema = z
  .object({
    id: z.string().uuid(),
    activityId: z.string(),
    platformId: z.string().openapi({ description: "The delegating platform's country code" }),
    holder: z.string().nullable(),
    signedAt: instant,
    by: z.string().nullable(),
    status: z.enum(["queued", "accepted", "refused"]),
    refusal: orNull(RefusalSchema),
  })
  .openapi("Delegation");
