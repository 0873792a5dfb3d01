import type { FastifyInstance, FastifyReply } from 'fastify';
import type { IdentityInternalClient } from './third-party/identity-internal.ts';

const PATH = '/notifications/unsubscribe';

const page = (title: string, body: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Compte des comptes</title></head>
<body><main><h1>${title}</h1>${body}<p><a href="/app/">Aller à mon compte</a></p></main></body></html>`;

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The unsubscribe link of every notification email, without a session: the signed token is the
 * authority. `POST` ends the subscription at once, as mail clients do for RFC 8058's one-click
 * (`List-Unsubscribe=One-Click`); `GET`, which link scanners fetch by themselves, only shows a
 * button that posts, so opening the email never unsubscribes anyone.
 */
export async function registerUnsubscribe(app: FastifyInstance, identity: IdentityInternalClient): Promise<void> {
  await app.register(async (scope) => {
    // Mail clients post a form body; it carries nothing the token does not say already.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => done(null, body));

    scope.get<{ Querystring: { token?: string } }>(PATH, async (request, reply) => {
      const token = request.query.token ?? '';
      return html(
        reply,
        200,
        page(
          'Ne plus recevoir les alertes par e-mail',
          `<form method="post" action="${PATH}?token=${escapeAttribute(encodeURIComponent(token))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Me désabonner</button></form>`,
        ),
      );
    });

    scope.post<{ Querystring: { token?: string } }>(PATH, async (request, reply) => {
      const ended = await identity.unsubscribe(request.query.token ?? '');
      return ended
        ? html(reply, 200, page('Vous êtes désabonné', '<p>Vous ne recevrez plus d’alertes par e-mail. Ce que la plateforme gardait pour vous écrire est effacé.</p>'))
        : html(reply, 400, page('Lien sans effet', '<p>Ce lien n’est pas valide, ou l’abonnement a déjà pris fin. Vous pouvez gérer vos alertes depuis « Mes données ».</p>'));
    });
  });
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; form-action 'self'")
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(body);
}
