import { describeSmtp, type MailSettings } from "@dynamo/config";
import { createTransport } from "nodemailer";

/** One email, already in its reader's language. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

/**
 * Why a relay did not take an email: `unreachable` (no connection, timeout), `auth` (the relay
 * refused our login), `refused` (it answered no to the sender, the recipient or the message),
 * `failed` (anything else). `detail` is the relay's own answer, for an admin; never a password.
 */
export interface MailFailure {
  kind: "unreachable" | "auth" | "refused" | "failed";
  detail: string;
}

export type SendResult = { ok: true; messageId: string } | { ok: false; error: MailFailure };

/** The node's way out for email. Sending never throws: a failure is a value the caller logs and retries. */
export interface Mailer {
  send(message: MailMessage): Promise<SendResult>;
  /** The relay as logs may show it: scheme, user, host and port, never the password. */
  readonly relay: string;
  close(): void;
}

export interface SmtpTimeouts {
  /** To open the connection. */
  connectionMs: number;
  /** For the relay's greeting once connected. */
  greetingMs: number;
  /** Of silence on an open connection. */
  socketMs: number;
}

const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 };

/**
 * A mailer on the SMTP relay of the node's configuration (nodemailer): smtps:// speaks TLS from
 * the first byte, smtp:// upgrades with STARTTLS when the relay offers it. One connection per
 * email: reminders are few, and a relay that closes idle connections is no concern.
 */
export function createSmtpMailer(settings: MailSettings, timeouts: Partial<SmtpTimeouts> = {}): Mailer {
  const { smtp, from } = settings;
  const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? "" } }),
    connectionTimeout: limits.connectionMs,
    greetingTimeout: limits.greetingMs,
    socketTimeout: limits.socketMs,
    logger: false,
    debug: false,
  });
  const secrets = secretFormsOf(smtp.password);
  return {
    relay: describeSmtp(smtp),
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: from.name === undefined ? from.address : { name: from.name, address: from.address },
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
        });
        if (info.rejected.length > 0) {
          return { ok: false, error: { kind: "refused", detail: redact(`rejected: ${info.response}`, secrets) } };
        }
        return { ok: true, messageId: info.messageId };
      } catch (error) {
        return { ok: false, error: failureOf(error, secrets) };
      }
    },
    close() {
      transport.close();
    },
  };
}

/** nodemailer's errors carry a code and the relay's answer; only those are kept. */
function failureOf(error: unknown, secrets: readonly string[]): MailFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : undefined;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const message = typeof e.message === "string" ? e.message : String(error);
  const detail = redact([code, message].filter(Boolean).join(": "), secrets);
  if (code === "EAUTH") return { kind: "auth", detail };
  if (code === "ECONNECTION" || code === "ETIMEDOUT" || code === "EDNS" || code === "ESOCKET" || code === "ETLS")
    return { kind: "unreachable", detail };
  if (code === "EENVELOPE" || code === "EMESSAGE" || (responseCode !== undefined && responseCode >= 400))
    return { kind: "refused", detail };
  return { kind: "failed", detail };
}

/** The password as it could appear in an error: as is, URL-encoded, or base64 as AUTH LOGIN sends it. */
function secretFormsOf(password: string | undefined): string[] {
  if (password === undefined || password === "") return [];
  return [password, encodeURIComponent(password), Buffer.from(password).toString("base64")];
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text).slice(0, 1000);
}
