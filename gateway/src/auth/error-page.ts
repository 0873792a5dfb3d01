import type { FastifyReply } from 'fastify';

import { ERRORS } from '../../../contract/errors.ts';
import type { AuthError } from './errors.ts';

/** A small page naming the error by its stable code, in French and English (the catalogue's words); never a stack. */
export function sendErrorPage(reply: FastifyReply, error: AuthError): FastifyReply {
  const { fr, message } = ERRORS[error.code];
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Connexion impossible — Compte des comptes</title></head>
<body>
<h1>Connexion impossible</h1>
<p>${fr}</p>
<p lang="en">${message}</p>
<p>Code : <code>${error.code}</code></p>
<p><a href="/auth/login">Se connecter à nouveau / Sign in again</a></p>
</body>
</html>`);
}
