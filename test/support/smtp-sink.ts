import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** A real SMTP server on a free port that keeps what it receives (no TLS, no auth: a test's own). */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const mail: ReceivedMail = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: parsed.subject ?? '', text: parsed.text ?? '', raw };
          this.messages.push(mail);
          const waiting = this.waiters.filter((w) => w.match(mail));
          this.waiters = this.waiters.filter((w) => !w.match(mail));
          for (const w of waiting) w.resolve(mail);
          callback();
        }, callback);
      });
    },
  });
  port = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next message (already received or yet to come) that matches; fails after `ms`. */
  waitFor(match: (m: ReceivedMail) => boolean, ms = 10_000): Promise<ReceivedMail> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching mail within ${ms} ms (got ${this.messages.length})`)), ms);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** Waits for the n-th message to an address (1-based), counting those already received. */
  async nth(to: string, n: number, ms = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + ms;
    for (;;) {
      const mine = this.messages.filter((m) => m.to.includes(to.toLowerCase()));
      if (mine.length >= n) return mine[n - 1];
      if (Date.now() > deadline) throw new Error(`only ${mine.length} mails to ${to} within ${ms} ms`);
      await this.waitFor((m) => m.to.includes(to.toLowerCase()) && !mine.includes(m), Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
  }
}

/** The confirmation link's page URL and token (the token sits in the fragment). */
export function confirmationLinkOf(mail: ReceivedMail): { url: string; path: string; token: string } {
  const m = /(https?:\/\/\S+\/petitions\/[0-9a-f-]{36}\/confirm)\?lang=[a-z]{2}#token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m) throw new Error(`no confirmation link in: ${mail.text}`);
  return { url: m[1], path: new URL(m[1]).pathname, token: m[2] };
}
