import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { problem } from "../problem.tsx";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Bodies past the limit are refused with 413 before anything reads them. */
export const limitBody = (maxSize = MAX_BODY_BYTES) =>
  bodyLimit({
    maxSize,
    onError: (c) => problem(c, "payload-too-large", { params: { limit: `${Math.round(maxSize / 1024)} KiB` } }),
  });

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The JSON API takes JSON bodies only: anything else is a 415, not a confusing 400. */
export const requireJsonBody = createMiddleware(async (c, next) => {
  if (["POST", "PUT", "PATCH"].includes(c.req.method) && hasBody(c.req.raw)) {
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type)) {
      return problem(c, "unsupported-media-type", { params: { expected: "application/json" } });
    }
  }
  await next();
});

function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return request.headers.has("transfer-encoding") || request.body !== null;
}
