import { NOTIFICATION_AGENCY_NAMES, NOTIFICATION_LABELS, type NotificationKind } from '../../contract/notifications.ts';

/** An alert as an email names it: its kind and agency, nothing of its figures. */
export interface AlertNotice {
  kind: NotificationKind;
  agency: string;
}

export interface Message {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The email of new alerts: French, plain text and simple HTML, the agency and what the alert is
 * about in words, a link into the app, and a one-click unsubscribe (RFC 8058: List-Unsubscribe
 * with an https URL, List-Unsubscribe-Post). Never an amount, a date or a name: whoever reads the
 * mailbox learns only that something awaits in the account.
 */
export function alertsMessage(to: string, alerts: readonly AlertNotice[], links: { app: string; unsubscribe: string }): Message {
  const lines = alerts.map((alert) => `${NOTIFICATION_LABELS[alert.kind]} (${NOTIFICATION_AGENCY_NAMES[alert.agency] ?? alert.agency})`);
  const subject = alerts.length === 1 ? 'Une nouvelle alerte vous attend sur Compte des comptes' : `${alerts.length} nouvelles alertes vous attendent sur Compte des comptes`;
  const text = [
    'Bonjour,',
    '',
    alerts.length === 1 ? 'Une nouvelle alerte vous concerne :' : 'De nouvelles alertes vous concernent :',
    ...lines.map((line) => `- ${line}`),
    '',
    `Pour en savoir plus, connectez-vous à votre compte : ${links.app}`,
    '',
    'Vous recevez ce message parce que vous avez demandé à être prévenu par e-mail.',
    `Pour ne plus en recevoir : ${links.unsubscribe}`,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body>',
    '<p>Bonjour,</p>',
    `<p>${alerts.length === 1 ? 'Une nouvelle alerte vous concerne :' : 'De nouvelles alertes vous concernent :'}</p>`,
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(links.app)}">Voir mes alertes sur Compte des comptes</a></p>`,
    `<p><small>Vous recevez ce message parce que vous avez demandé à être prévenu par e-mail. <a href="${escapeHtml(links.unsubscribe)}">Ne plus recevoir ces e-mails</a></small></p>`,
    '</body></html>',
  ].join('');
  return {
    to,
    subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The email with the link that confirms an address: sent to that address, and nothing else before it is confirmed. */
export function confirmationMessage(to: string, confirmUrl: string): Message {
  return {
    to,
    subject: 'Confirmez votre adresse pour les alertes de Compte des comptes',
    text: [
      'Bonjour,',
      '',
      'Vous avez demandé à recevoir les alertes de Compte des comptes à cette adresse.',
      `Pour la confirmer, ouvrez ce lien (connexion avec FranceConnect) : ${confirmUrl}`,
      '',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne vous sera envoyé.',
    ].join('\n'),
    html: [
      '<!doctype html><html lang="fr"><body><p>Bonjour,</p>',
      '<p>Vous avez demandé à recevoir les alertes de Compte des comptes à cette adresse.</p>',
      `<p><a href="${escapeHtml(confirmUrl)}">Confirmer mon adresse</a> (connexion avec FranceConnect)</p>`,
      '<p><small>Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne vous sera envoyé.</small></p>',
      '</body></html>',
    ].join(''),
    headers: {},
  };
}
