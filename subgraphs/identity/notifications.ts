import type { NotificationKeys } from '../../common/notifications/keys.ts';
import type { ThirdPartyRegistry } from '../../common/third-parties.ts';
import { badUserInput } from '../../contract/errors.ts';
import { NOTIFICATIONS_CLIENT_ID, NOTIFICATIONS_DURATION_MONTHS, NOTIFICATION_KINDS, type NotificationKind } from '../../contract/notifications.ts';
import { monthsLater } from './consent-rules.ts';
import { fromStore } from './errors.ts';
import { resolveMe, type IdentityContext, type PersonSource } from './resolvers.ts';
import type { SubscriptionStore } from './store/subscriptions.ts';

/** Long enough for any mail server (RFC 5321 paths), short enough to refuse nonsense. */
const MAX_EMAIL_LENGTH = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NotificationDeps {
  subscriptions: SubscriptionStore;
  keys: NotificationKeys;
  registry: ThirdPartyRegistry;
  personIdKey: string;
  now: () => Date;
}

/** The citizen's side of notifications: subscribe, confirm an address, stop, read. */
export function notificationResolvers(deps: NotificationDeps) {
  const { subscriptions, keys, now } = deps;
  const platform = deps.registry.get(NOTIFICATIONS_CLIENT_ID);
  return {
    Mutation: {
      subscribeToNotifications: async (_root: unknown, args: { input: { email?: string | null; kinds: readonly NotificationKind[] } }, context: IdentityContext) => {
        if (!platform) throw new Error(`${NOTIFICATIONS_CLIENT_ID} is not registered in config/third-parties.json`);
        const me = resolveMe(context.token, deps.personIdKey);
        const kinds = NOTIFICATION_KINDS.filter((kind) => args.input.kinds.includes(kind));
        if (kinds.length === 0) throw badUserInput('input.kinds', 'REQUIRED', `Choose at least one kind of alert, among: ${NOTIFICATION_KINDS.join(', ')}.`);
        const address = chosenAddress(args.input.email, me);
        const startsAt = now();
        // FranceConnect's address was verified by the provider; any other is confirmed by a link first.
        const confirmed = address.toLowerCase() === me.email?.toLowerCase();
        return fromStore('consents', () =>
          subscriptions.subscribe({
            personId: me.id,
            pivot: me.pivot,
            grantee: { clientId: platform.clientId, name: platform.name, kind: platform.kind },
            email: confirmed ? address : null,
            pendingEmail: confirmed ? null : address,
            kinds,
            startsAt,
            expiresAt: monthsLater(startsAt, NOTIFICATIONS_DURATION_MONTHS),
          }),
        );
      },
      confirmNotificationEmail: async (_root: unknown, args: { token: string }, context: IdentityContext) => {
        const me = resolveMe(context.token, deps.personIdKey);
        const link = keys.verify(args.token, 'confirm-email', now());
        const [consentId = '', digest = ''] = link?.subject.split(' ') ?? [];
        const confirmed = link && (await fromStore('consents', () => subscriptions.confirm(me.id, consentId, digest, now())));
        if (!confirmed) {
          throw badUserInput('token', 'INVALID_LINK', 'This link is not valid any more (expired, used, or for another address): subscribe again to receive a new one.');
        }
        return confirmed;
      },
      unsubscribeFromNotifications: (_root: unknown, _args: unknown, context: IdentityContext) => {
        const me = resolveMe(context.token, deps.personIdKey);
        return fromStore('consents', () => subscriptions.unsubscribe({ personId: me.id }, now()));
      },
    },
    Person: {
      notifications: (person: PersonSource) => fromStore('consents', () => subscriptions.ofPerson(person.id, now())),
    },
  };
}

function chosenAddress(given: string | null | undefined, me: PersonSource): string {
  const address = (given ?? me.email ?? '').trim();
  if (address === '') throw badUserInput('input.email', 'REQUIRED', 'FranceConnect gave no address: give the one to write to.');
  if (address.length > MAX_EMAIL_LENGTH || !EMAIL.test(address)) {
    throw badUserInput('input.email', 'INVALID_FORMAT', `Give an email address such as prenom.nom@exemple.fr, of at most ${MAX_EMAIL_LENGTH} characters.`);
  }
  return address;
}
