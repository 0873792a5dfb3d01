// The provider's pages. Plain HTML, no script except the logout auto-submit, no external assets.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — FranceConnect (simulateur)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}button{padding:.6rem;background:#000091;color:#fff;border:0}.error{color:#ce0500}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

export interface LoginPage {
  action: string;
  clientName: string;
  login?: string;
  error?: string;
}

export function renderLoginPage({ action, clientName, login = '', error }: LoginPage): string {
  const alert = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    'Connexion',
    `<p>Connexion à <strong>${escapeHtml(clientName)}</strong> avec une identité de démonstration.</p>
${alert}
<form method="post" action="${escapeHtml(action)}">
<label for="login">Identifiant</label>
<input id="login" name="login" autocomplete="username" required value="${escapeHtml(login)}">
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>`,
  );
}

export function renderErrorPage(error: string, description?: string): string {
  return page(
    'Erreur',
    `<p class="error">La demande n’a pas pu aboutir. / The request could not be completed.</p>
<p><code>${escapeHtml(error)}</code>${description ? ` — ${escapeHtml(description)}` : ''}</p>`,
  );
}

/**
 * FranceConnect signs the user out without asking: the form oidc-provider hands over (with its
 * anti-CSRF token) is submitted at once, with logout=yes to end the whole provider session.
 */
export function renderLogoutPage(form: string): string {
  const withLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return page(
    'Déconnexion',
    `${withLogout}
<button type="submit" form="op.logoutForm">Se déconnecter</button>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function renderLoggedOutPage(): string {
  return page('Déconnexion', '<p>Vous êtes déconnecté(e). / You are signed out.</p>');
}
