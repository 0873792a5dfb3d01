import type { IncomingMessage } from 'node:http';

import { errors } from 'oidc-provider';
import type { KoaContextWithOIDC, Middleware, Provider } from 'oidc-provider';

import { ACR_EIDAS1 } from './accounts.ts';
import type { AccountDirectory } from './accounts.ts';
import { renderErrorPage, renderLoginPage } from './views.ts';

/** The login page, under the issuer's path. */
export const INTERACTION_PATH = '/interaction';

const MAX_FORM_BYTES = 8 * 1024; // 8 KiB: two short fields

/**
 * The login page oidc-provider sends the browser to. GET shows the form; POST checks the persona's
 * login and password, then hands the result back to oidc-provider, which resumes the authorization.
 */
export function handleInteractions(
  provider: Provider,
  directory: AccountDirectory,
  clientNames: ReadonlyMap<string, string>,
  mountPath: string,
): Middleware {
  const pattern = new RegExp(`^${INTERACTION_PATH}/([A-Za-z0-9_-]+)$`);
  return async (ctx, next) => {
    const uid = pattern.exec(ctx.path)?.[1];
    if (!uid) return next();
    ctx.set('cache-control', 'no-store');
    if (ctx.method !== 'GET' && ctx.method !== 'POST') {
      sendHtml(ctx, 405, renderErrorPage('method_not_allowed'));
      return;
    }

    try {
      await respondToInteraction(ctx, uid);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) {
        sendHtml(ctx, 400, renderErrorPage('session_not_found', 'La connexion a expiré, recommencez depuis le service. / The sign-in expired, start again from the service.'));
      } else if (error instanceof errors.OIDCProviderError) {
        sendHtml(ctx, error.status, renderErrorPage(error.error, error.error_description));
      } else {
        throw error;
      }
    }
  };

  async function respondToInteraction(ctx: KoaContextWithOIDC, uid: string): Promise<void> {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid !== uid || interaction.prompt.name !== 'login') {
      // Every configured relying party is trusted (see grants.ts), so login is the only prompt.
      sendHtml(ctx, 400, renderErrorPage('invalid_request', `unexpected interaction ${interaction.prompt.name}`));
      return;
    }

    const clientId = String(interaction.params.client_id);
    const form = { action: `${mountPath}${INTERACTION_PATH}/${uid}`, clientName: clientNames.get(clientId) ?? clientId };
    if (ctx.method === 'GET') {
      sendHtml(ctx, 200, renderLoginPage(form));
      return;
    }

    const fields = await readForm(ctx.req);
    const login = fields.get('login') ?? '';
    const accountId = directory.authenticate(login, fields.get('password') ?? '');
    if (!accountId) {
      sendHtml(ctx, 200, renderLoginPage({ ...form, login, error: 'Identifiant ou mot de passe incorrect. / Wrong login or password.' }));
      return;
    }
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      // remember: false keeps the provider session in a browser-session cookie, as FranceConnect does.
      { login: { accountId, acr: ACR_EIDAS1, remember: false } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  }
}

function sendHtml(ctx: KoaContextWithOIDC, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = html;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new errors.InvalidRequest('form too large');
  }
  return new URLSearchParams(body);
}
