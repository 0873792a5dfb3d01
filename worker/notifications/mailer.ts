import nodemailer from 'nodemailer';
import type { Message } from './message.ts';

export interface Mailer {
  send(message: Message): Promise<void>;
  close(): void;
}

/**
 * Email over SMTP with nodemailer, one pool of connections per worker. A refusal or a connection
 * failure throws: the job that sent it is retried with backoff, and the alerts it claimed are given
 * back first, so nothing is sent twice when the server comes back.
 */
export function smtpMailer(url: string, from: string, connections: number): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // A few connections kept open, each carrying many emails: a round ends with thousands.
    pool: true,
    maxConnections: connections,
    connectionTimeout: 10_000, // 10 s: a server that does not answer fails the job, which retries later
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    },
    close: () => transport.close(),
  };
}
