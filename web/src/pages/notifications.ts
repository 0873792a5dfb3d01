import { alert, appLink, container, facts, HOME, pageHeading } from '../components.ts';
import { h } from '../dom.ts';
import { dateTime } from '../../../contract/french.ts';
import { checkboxGroup, outcome, textInput } from '../forms.ts';
import { graphql, mutate, type ApiError } from '../graphql.ts';
import { errorMessage, NOTIFICATION_KINDS } from '../labels.ts';
import {
  AppAbonnerAlertesDocument as SUBSCRIBE,
  AppAlertesEmailDocument as QUERY,
  AppConfirmerAdresseDocument as CONFIRM,
  AppDesabonnerAlertesDocument as UNSUBSCRIBE,
  type AlertKind,
  type AppAlertesEmailQuery,
} from '../operations.generated.ts';
import type { Rendered } from '../screen.ts';

type Subscription = NonNullable<AppAlertesEmailQuery['me']>['notifications'];

const TITLE = 'Alertes par e-mail';

function refusal(error: ApiError): string {
  switch (error.extensions?.reason) {
    case 'REQUIRED':
      return error.extensions.field === 'input.kinds' ? 'Cochez au moins une alerte.' : 'Indiquez l’adresse à laquelle vous écrire.';
    case 'INVALID_FORMAT':
      return 'Cette adresse n’est pas une adresse e-mail valide : elle s’écrit comme prenom.nom@exemple.fr.';
    case 'INVALID_LINK':
      return 'Ce lien n’est plus valable (expiré, déjà utilisé, ou pour une autre adresse). Enregistrez à nouveau l’adresse pour recevoir un nouveau lien.';
    default:
      return errorMessage(error, 'le service des alertes');
  }
}

const kindLabels = (kinds: string[]) => NOTIFICATION_KINDS.filter((kind) => kinds.includes(kind.value)).map((kind) => kind.label);

/**
 * « Mes données » → alertes par e-mail: subscribe, change, stop. The subscription is an
 * authorisation given to the platform itself, said as such, with what it reads and until when.
 */
export async function notifications(): Promise<Rendered> {
  const first = await graphql(QUERY);
  const result = outcome();
  const status = h('div', {});
  const fcEmail = first.data.me!.identity?.email ?? null;

  const showStatus = (subscription: Subscription) => {
    if (!subscription) {
      status.replaceChildren(h('p', { 'data-state': 'not-subscribed' }, 'Vous n’êtes pas abonné : la plateforme ne vous écrit pas.'));
      return;
    }
    const stop = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, 'Arrêter les alertes par e-mail');
    stop.addEventListener('click', async () => {
      stop.disabled = true;
      const stopped = await mutate(UNSUBSCRIBE);
      stop.disabled = false;
      if (!stopped.ok) {
        result.show('error', 'Alertes non arrêtées.', refusal(stopped.error));
        return;
      }
      showStatus(null);
      result.show('success', 'Alertes arrêtées.', 'La plateforme ne vous écrira plus, et a effacé ce qu’elle gardait pour le faire.');
    });
    status.replaceChildren(
      h(
        'div',
        { 'data-state': subscription.pendingEmail ? 'pending' : 'subscribed' },
        facts([
          ['Adresse', subscription.email ?? 'aucune tant que la nouvelle n’est pas confirmée'],
          ...(subscription.pendingEmail
            ? [['À confirmer', `${subscription.pendingEmail} : ouvrez le lien que nous y avons envoyé`] as [string, string]]
            : []),
          ['Alertes', kindLabels(subscription.kinds).join(' ; ')],
          ['Autorisation', `Du ${dateTime(subscription.consent.startsAt)} au ${dateTime(subscription.consent.expiresAt)}`],
        ]),
        stop,
      ),
    );
  };

  const address = textInput({
    label: 'Adresse e-mail',
    name: 'adresse',
    type: 'email',
    autocomplete: 'email',
    hint: fcEmail
      ? `Celle que FranceConnect nous a donnée (${fcEmail}) sert sans confirmation ; une autre reçoit d’abord un lien à ouvrir.`
      : 'Vous recevrez d’abord un lien pour la confirmer.',
  });
  address.control.value = first.data.me!.notifications?.pendingEmail ?? first.data.me!.notifications?.email ?? fcEmail ?? '';
  const kinds = checkboxGroup({ legend: 'Les alertes qui vous seront envoyées', name: 'alertes' });
  kinds.setChoices([...NOTIFICATION_KINDS], '');
  const chosen = first.data.me!.notifications?.kinds ?? NOTIFICATION_KINDS.map((kind) => kind.value);
  for (const input of kinds.group.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) input.checked = chosen.includes(input.value);
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Enregistrer mes alertes');
  const form = h('form', { novalidate: true, class: 'cdc-form' }, address.group, kinds.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const email = address.control.value.trim();
    address.setError(email === '' ? 'Indiquez l’adresse à laquelle vous écrire.' : null);
    kinds.setError(kinds.values().length === 0 ? 'Cochez au moins une alerte.' : null);
    if (email === '') return address.control.focus();
    if (kinds.values().length === 0) return kinds.focus();
    submit.disabled = true;
    const saved = await mutate(SUBSCRIBE, { input: { email, kinds: kinds.values() as AlertKind[] } });
    submit.disabled = false;
    if (!saved.ok) {
      if (saved.error.extensions?.field === 'input.email') address.setError(refusal(saved.error));
      result.show('error', 'Alertes non enregistrées.', refusal(saved.error));
      return;
    }
    const subscription = saved.data.subscribeToNotifications;
    showStatus(subscription);
    result.show(
      'success',
      'Alertes enregistrées.',
      subscription.pendingEmail
        ? `Un lien de confirmation part vers ${subscription.pendingEmail} : rien d’autre n’y sera envoyé avant que vous l’ouvriez.`
        : `Elles seront envoyées à ${subscription.email}.`,
    );
  });

  showStatus(first.data.me!.notifications);
  return {
    title: TITLE,
    content: container(
      pageHeading(TITLE, {
        crumbs: [HOME],
        lead: 'Recevez un e-mail quand une nouvelle alerte vous concerne : une démarche à faire, un droit qui se termine, une aide peut-être oubliée.',
      }),
      h(
        'p',
        {},
        'C’est une autorisation que vous donnez à la plateforme elle-même, pour un an : elle lit vos alertes chaque jour, comme un organisme que vous autorisez, et chaque lecture est inscrite dans votre ',
        appLink('journal', 'journal des accès', { class: 'fr-link' }),
        '. Les e-mails ne contiennent ni montant ni date : seulement qu’une alerte vous attend. Vous pouvez arrêter à tout moment, ici ou par le lien de chaque e-mail.',
      ),
      result.element,
      h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-abonnement' }, h('h2', { id: 'titre-abonnement' }, 'Mon abonnement'), status),
      h('section', { 'aria-labelledby': 'titre-choix' }, h('h2', { id: 'titre-choix' }, 'Choisir l’adresse et les alertes'), form),
    ),
  };
}

/** The page the confirmation link opens (`…/notifications/confirmer?jeton=…`), once signed in. */
export async function confirmAddress(): Promise<Rendered> {
  const token = new URLSearchParams(location.search).get('jeton') ?? '';
  const confirmed = await mutate(CONFIRM, { token });
  const title = confirmed.ok ? 'Adresse confirmée' : 'Adresse non confirmée';
  return {
    title,
    content: container(
      pageHeading(title, { crumbs: [HOME, { label: TITLE, path: 'notifications' }] }),
      confirmed.ok
        ? alert({ type: 'success', title: 'C’est fait', description: `Vos alertes seront envoyées à ${confirmed.data.confirmNotificationEmail.email}.` })
        : alert({ type: 'error', title: 'Lien sans effet', description: refusal(confirmed.error) }),
      h('p', {}, appLink('notifications', 'Gérer mes alertes par e-mail', { class: 'fr-link' })),
    ),
  };
}
