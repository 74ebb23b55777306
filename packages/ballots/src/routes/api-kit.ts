import { z } from "@hono/zod-openapi";
import { RulesSchema } from "../wire.ts";

export { problemResponses as problems, security } from "@dynamo/web";

export const Id = z.object({ id: z.string().uuid() });
export const PlatformCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .openapi({ description: "A platform's country code", example: "BE" });
/** A text in up to four languages, each at most `max` characters. */
const localized = (max: number) =>
  z
    .object({ fr: z.string().max(max), en: z.string().max(max), es: z.string().max(max), pt: z.string().max(max) })
    .partial();

export const NewBallotSchema = z
  .object({
    title: localized(300),
    description: localized(20_000).default({}),
    rules: RulesSchema.optional().openapi({
      description: "Defaults: yes/no, simple majority, quorum of half, roll-call",
    }),
    opensAt: z.string().datetime({ offset: true }),
    closesAt: z.string().datetime({ offset: true }),
    graceMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
  })
  .openapi("NewBallot");
