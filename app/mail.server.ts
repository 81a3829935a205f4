// Sends e-mail: through SMTP_URL when set (production), otherwise into the MAIL_OUTBOX folder as
// .eml files, so development and tests send real messages that anyone can open and read.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { env } from "./env.server";

export interface Mail {
  to: string;
  subject: string;
  /** Plain text: reminders and notices need no formatting, and plain text reads everywhere. */
  text: string;
}

const smtp = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null;
const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

export async function sendMail(mail: Mail): Promise<void> {
  const message = { from: env.MAIL_FROM, ...mail };
  if (smtp) {
    await smtp.sendMail(message);
    return;
  }
  const info = await outbox.sendMail(message);
  mkdirSync(env.MAIL_OUTBOX, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`;
  writeFileSync(join(env.MAIL_OUTBOX, name), info.message as Buffer);
}

/** An address in the app, for links in e-mails. */
export function appLink(path: string): string {
  return `${env.APP_URL}${path}`;
}
