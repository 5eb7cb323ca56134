import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { Environment } from '@kenes/common';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A link the message is about, logged by the development outbox so that a newcomer can follow it. */
  link?: string;
}

/** Where outgoing mail goes: SMTP when SMTP_URL is set; in development, .eml files in the outbox. */
export abstract class Mailer {
  /** Whether mail actually leaves (false: nowhere to send it, as in production without SMTP_URL). */
  abstract readonly canSend: boolean;
  abstract send(message: MailMessage): Promise<void>;
}

class SmtpMailer extends Mailer {
  readonly canSend = true;
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    super();
    this.transport = nodemailer.createTransport(url);
  }

  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
  }
}

/** Development without SMTP_URL: each message becomes an .eml file under KENES_HOME/outbox, and its link is logged. */
class OutboxMailer extends Mailer {
  readonly canSend = true;
  private readonly logger = new Logger('Outbox');
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string, private readonly from: string) {
    super();
  }

  async send(m: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, info.message as Buffer, { mode: 0o600 });
    this.logger.log(`mail written to ${file}${m.link ? `; its link: ${m.link}` : ''}`);
  }
}

/** Production without SMTP_URL: nothing may be mailed (the features that mail refuse to be enabled). */
class NoMailer extends Mailer {
  readonly canSend = false;

  send(): Promise<void> {
    return Promise.reject(new Error('SMTP_URL is not set: no mail can be sent'));
  }
}

export function mailerFor(env: Environment): Mailer {
  if (env.SMTP_URL) return new SmtpMailer(env.SMTP_URL, env.MAIL_FROM);
  if (env.NODE_ENV === 'production') return new NoMailer();
  return new OutboxMailer(join(resolve(env.KENES_HOME), 'outbox'), env.MAIL_FROM);
}

export const MailerProvider = { provide: Mailer, inject: [Environment], useFactory: mailerFor };
