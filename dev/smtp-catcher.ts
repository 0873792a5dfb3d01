import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the catcher received it. */
export interface CaughtEmail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`: what the worker's SMTP_URL is set to. */
  smtpUrl: string;
  /** The page listing the emails caught (`/`), and their JSON (`/emails.json`). */
  webUrl: string;
  readonly emails: readonly CaughtEmail[];
  /** Refuses (451, try again later) every email while `true`: a mail server down, for tests. */
  refuse(refusing: boolean): void;
  /** Resolves once `count` emails were caught, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtEmail[]>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A mail server that delivers nowhere, and a page showing what it caught: what citizens would
 * receive, for anyone running `npm start` and for the tests (on port 0). Development and tests
 * only (dev/): production sends through a real SMTP_URL.
 */
export async function startSmtpCatcher(options: { host?: string; smtpPort?: number; webPort?: number } = {}): Promise<SmtpCatcher> {
  const host = options.host ?? '127.0.0.1';
  const emails: CaughtEmail[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!refusing) return callback();
      const error = Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 });
      return callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          emails.push({
            id: emails.length + 1,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: Object.fromEntries(mail.headerLines.map((line) => [line.key, line.line.slice(line.line.indexOf(':') + 1).trim()])),
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const web: HttpServer = createHttpServer((request, response) => {
    if (request.url === '/emails.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(emails));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(emails));
  });
  await new Promise<void>((resolve) => web.listen(options.webPort ?? 0, host, () => resolve()));
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    smtpUrl: `smtp://${urlHost}:${(smtp.server.address() as AddressInfo).port}`,
    webUrl: `http://${urlHost}:${(web.address() as AddressInfo).port}`,
    emails,
    refuse(value) {
      refusing = value;
    },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (emails.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...emails]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${emails.length} email(s) caught after ${timeoutMs} ms, ${count} expected`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

function page(emails: readonly CaughtEmail[]): string {
  const rows = [...emails]
    .reverse()
    .map(
      (email) => `<article><h2>${escapeHtml(email.subject)}</h2>
<p>À ${escapeHtml(email.to.join(', '))} · reçu le ${escapeHtml(email.receivedAt)}</p>
<pre>${escapeHtml(email.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>E-mails envoyés (développement)</title></head>
<body><h1>E-mails envoyés par la plateforme (${emails.length})</h1>
<p>Ce que les citoyens recevraient ; rien ne part ailleurs. Rechargez la page pour voir les nouveaux.</p>
${rows || '<p>Aucun e-mail pour l’instant.</p>'}</body></html>`;
}
