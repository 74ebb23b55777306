import { freePort } from "@dynamo/testing";
import { SMTPServer } from "smtp-server";

/**
 * Test support: a real SMTP relay in the test process (smtp-server) on 127.0.0.1, which wants a
 * login, keeps what it accepts, can refuse recipients, and can go down and come back on the
 * same port. Emails are parsed as a mail client would: headers, encoded words, the text and
 * HTML parts with their transfer encodings.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, string>;
}

export interface TestSmtpRelay {
  port: number;
  /** The SMTP_URL of this relay, with its user and password. */
  url: string;
  received: ReceivedMail[];
  /** Recipients refused at RCPT TO with a 550, until allowed again. */
  refuse(address: string): void;
  allow(address: string): void;
  /** Stops listening (connections are refused) until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTestSmtpRelay(credentials: { user: string; password: string }): Promise<TestSmtpRelay> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      logger: false,
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === credentials.user && auth.password === credentials.password)
          return callback(null, { user: auth.username });
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onRcptTo(address, _session, callback) {
        if (refused.has(address.address.toLowerCase()))
          return callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const mail = parseMail(Buffer.concat(chunks).toString("utf8"));
          received.push({
            ...mail,
            from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });

  const relay: TestSmtpRelay = {
    port,
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`,
    received,
    refuse: (address) => refused.add(address.toLowerCase()),
    allow: (address) => refused.delete(address.toLowerCase()),
    async start() {
      const started = create();
      await new Promise<void>((resolve, reject) => {
        started.once("error", reject);
        started.listen(port, "127.0.0.1", () => resolve());
      });
      server = started;
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  await relay.start();
  return relay;
}

/** A small MIME reader: enough for what nodemailer writes (single part or multipart/alternative). */
export function parseMail(raw: string): Omit<ReceivedMail, "from" | "to"> {
  const { headers, body } = splitPart(raw);
  const type = headers.get("content-type") ?? "text/plain";
  let text = "";
  let html = "";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith("multipart/") && boundary !== undefined) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = splitPart(chunk.replace(/^\r?\n/, ""));
      const partType = part.headers.get("content-type") ?? "text/plain";
      const decoded = decodeBody(part.body, part.headers.get("content-transfer-encoding"));
      if (partType.startsWith("text/plain")) text = decoded;
      if (partType.startsWith("text/html")) html = decoded;
    }
  } else {
    const decoded = decodeBody(body, headers.get("content-transfer-encoding"));
    if (type.startsWith("text/html")) html = decoded;
    else text = decoded;
  }
  return { subject: decodeWords(headers.get("subject") ?? ""), text, html, headers };
}

function splitPart(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? "7bit").toLowerCase();
  if (e === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (e === "quoted-printable") return qpBytes(body.replace(/=\n/g, "")).toString("utf8").replace(/\n$/, "");
  return body.replace(/\n$/, "");
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=); adjacent ones form one run of bytes. */
function decodeWords(value: string): string {
  const word = /=\?[^?]+\?([QqBb])\?([^?]*)\?=/g;
  return value.replace(/=\?[^?]+\?[QqBb]\?[^?]*\?=(?:\s+=\?[^?]+\?[QqBb]\?[^?]*\?=)*/g, (run) =>
    Buffer.concat(
      [...run.matchAll(word)].map(([, kind = "Q", data = ""]) =>
        kind.toUpperCase() === "B" ? Buffer.from(data, "base64") : qpBytes(data.replace(/_/g, " ")),
      ),
    ).toString("utf8"),
  );
}
