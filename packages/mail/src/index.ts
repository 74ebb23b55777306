export {
  createSmtpMailer,
  type Mailer,
  type MailFailure,
  type MailMessage,
  type SendResult,
  type SmtpTimeouts,
} from "./mailer.ts";
