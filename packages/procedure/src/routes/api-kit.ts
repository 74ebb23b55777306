import { signedIn } from "@dynamo/web";
import { z } from "@hono/zod-openapi";
import type { Operation } from "../domain/text.ts";

export const json = (description: string) => ({
  description,
  content: { "application/json": { schema: z.object({}).passthrough() } },
});
export const TextKey = z
  .string()
  .regex(/^(international|region-(AF|AM|AS|EU))$/)
  .openapi({
    description: "international, or region-AF / region-AM / region-AS / region-EU",
    example: "international",
  });
export const TextParam = z.object({ textKey: TextKey });
export const Id = z.object({ id: z.string().uuid() });
export const Text = (max: number) => z.string().max(max);
export const Wording = z
  .object({ fr: Text(20_000), en: Text(20_000), es: Text(20_000), pt: Text(20_000) })
  .partial()
  .openapi("Wording");
/** An operation as a member writes it: an inserted article's id is made by the node. */
export const OperationInput = z
  .discriminatedUnion("op", [
    z.object({ op: z.literal("replace"), articleId: Text(200), wording: Wording }),
    z.object({
      op: z.literal("insert"),
      sectionId: Text(200),
      after: Text(200).nullable().default(null),
      wording: Wording,
    }),
    z.object({ op: z.literal("delete"), articleId: Text(200) }),
  ])
  .openapi("AmendmentOperation");
export const Timing = z.object({
  closesAt: z.string().datetime({ offset: true }).optional().openapi({ description: "Defaults to 14 days from now" }),
  graceMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
});

/** The operations with the ids the node gives inserted articles. */
export function operationsOf(input: z.infer<typeof OperationInput>[], newId: () => string): Operation[] {
  return input.map((op) =>
    op.op === "insert"
      ? {
          op: "insert",
          sectionId: op.sectionId,
          after: op.after,
          article: { id: `art-${newId().slice(0, 8)}`, wording: op.wording },
        }
      : op,
  );
}

export const timingOf = (body: z.infer<typeof Timing>, now: Date) => ({
  closesAt: body.closesAt === undefined ? new Date(now.getTime() + 14 * 86_400_000) : new Date(body.closesAt),
  graceMs: body.graceMinutes * 60_000,
});

export const asking = (c: Parameters<typeof signedIn>[0]) => {
  const auth = signedIn(c);
  return { personId: auth.person.id, name: auth.person.displayName };
};
