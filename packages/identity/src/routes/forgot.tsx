import {
  authorize,
  formField,
  pageFrame,
  parseForm,
  problem,
  problemResponses,
  renderPage,
  type TenantEnv,
} from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { ensureVisitorCsrf } from "../middleware/authenticate.ts";
import { requestPasswordReset } from "../services/forgot.ts";
import { emailLink } from "../services/link-mail.ts";
import { ForgotPasswordPage } from "../views/auth-pages.tsx";
import { identityProblem, linkUrl } from "./respond.ts";

const ForgotForm = z.object({ email: formField.line(320) });

const forgotRoute = createRoute({
  method: "post",
  path: "/api/password-forgot",
  operationId: "forgotPassword",
  summary:
    "Ask for a password reset link by email (when the node sends email); the same answer whether the address has an account or not",
  tags: ["identity"],
  middleware: [authorize("password.forgot")] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ email: z.string().max(320) }) } },
    },
  },
  responses: {
    202: {
      description: "If an active account has this address, a single-use link was emailed to it",
      content: { "application/json": { schema: z.object({ accepted: z.literal(true) }) } },
    },
    ...problemResponses(400, 404, 429),
  },
});

/**
 * "Forgot your password?": with SMTP settings, a person asks for a reset link by email. The link
 * goes only to the account's address (never in the answer or a log); its page sets a new
 * password and ends every session. Without SMTP the pages say to ask an administrator.
 */
export function mountForgotPassword(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  const ask = async (c: Context<TenantEnv>, email: string) => {
    const result = await requestPasswordReset(identityContext(c, deps), { email });
    if (result.ok && result.value !== undefined) {
      const { person, link } = result.value;
      const url = linkUrl(c, deps, "/password-reset", link.token);
      void emailLink(deps.mailer, c.get("logger"), c.get("tenant"), person, "password-reset", {
        url,
        expiresAt: link.expiresAt,
      });
    }
    return result;
  };

  router.get("/password-forgot", authorize("password.forgot"), (c) => {
    if (deps.mailer === undefined) return problem(c, "not-found");
    ensureVisitorCsrf(c, deps);
    return renderPage(c, <ForgotPasswordPage frame={pageFrame(c, "/password-forgot")} email="" sent={false} />);
  });

  router.post("/password-forgot", authorize("password.forgot"), async (c) => {
    if (deps.mailer === undefined) return problem(c, "not-found");
    const parsed = await parseForm(c, ForgotForm);
    if (!parsed.ok) return parsed.response;
    const { email } = parsed.value;
    const result = await ask(c, email);
    const frame = pageFrame(c, "/password-forgot");
    if (!result.ok) {
      const { t } = c.var;
      const seconds = result.error.kind === "rate-limited" ? result.error.retryAfterSeconds : 0;
      c.header("Retry-After", String(seconds));
      const message = `${t("problem.rate-limited")}. ${t("problem.rate-limited.detail", { seconds })}`;
      return renderPage(c, <ForgotPasswordPage frame={frame} email={email} sent={false} error={message} />, 429);
    }
    return renderPage(c, <ForgotPasswordPage frame={frame} email={email} sent={true} />);
  });

  router.openapi(forgotRoute, async (c) => {
    if (deps.mailer === undefined) return problem(c, "not-found");
    const result = await ask(c, c.req.valid("json").email);
    if (!result.ok) return identityProblem(c, result.error);
    return c.json({ accepted: true as const }, 202);
  });
}
