import {
  AppAutoriserDocument as GRANT,
  AppPartageDocument as QUERY,
  AppRetirerAutorisationDocument as REVOKE,
  type PurposeCode,
} from '../operations.generated.ts';
import { appLink, badge, container, facts, HOME, pageHeading } from '../components.ts';
import { h, uniqueId } from '../dom.ts';
import { count, dateTime } from '../../../contract/french.ts';
import { checkboxGroup, outcome, radioGroup, select, textArea, type Outcome } from '../forms.ts';
import { graphql, mutate, type ApiError } from '../graphql.ts';
import { CONSENT_STATUSES, errorMessage, PLATFORM_PURPOSES, PURPOSES, SHARED_SECTIONS, sectionList, THIRD_PARTY_KINDS } from '../labels.ts';
import type { Rendered } from '../screen.ts';

interface ThirdParty {
  id: string;
  name: string;
  kind: string;
  scopes: string[];
}

interface Consent {
  id: string;
  grantee: { id: string; name: string; kind: string };
  scopes: string[];
  purpose: { code: string; text: string };
  startsAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: 'ACTIVE' | 'REVOKED' | 'EXPIRED';
}

const PURPOSE_MAX = 500;
/**
 * Offered durations, in calendar months: the API computes the end (the same day of the month
 * that many months later, Code de procédure civile art. 641), so « 1 an » from 3 December ends
 * on 3 December of the next year, whatever the device's clock.
 */
const DURATIONS = [
  { value: '1', label: '1 mois' },
  { value: '3', label: '3 mois' },
  { value: '6', label: '6 mois' },
  { value: '12', label: '1 an' },
];

function refusal(error: ApiError): string {
  switch (error.extensions?.reason) {
    case 'CONSENT_ALREADY_ACTIVE':
      return 'Vous avez déjà une autorisation active pour cet organisme : retirez-la avant d’en donner une nouvelle.';
    case 'SCOPE_NOT_ALLOWED':
    case 'NO_SCOPE':
      return 'Cet organisme ne peut pas demander l’une des informations cochées.';
    case 'EXPIRY_IN_PAST':
    case 'EXPIRY_TOO_FAR':
    case 'INVALID_DURATION':
      return 'Une autorisation dure un an au plus : choisissez une autre durée.';
    case 'INVALID_PURPOSE':
      return `Le motif doit compter de 1 à ${count(PURPOSE_MAX)} caractères.`;
    case 'UNKNOWN_GRANTEE':
      return 'Cet organisme n’est plus enregistré.';
    case 'CONSENT_NOT_FOUND':
      return 'Cette autorisation n’existe plus.';
    default:
      return errorMessage(error, 'le service des autorisations');
  }
}

/**
 * The consents given, revoked after a confirmation, and the form to give one. One place says how
 * the last action went, so that an earlier outcome never stands next to a later, opposite one.
 */
export async function consents(): Promise<Rendered> {
  const first = await graphql(QUERY);
  const result = outcome();
  const listArea = h('div', {});

  const showConsents = (list: Consent[] | null) => {
    if (list === null) {
      listArea.replaceChildren(h('p', {}, 'Vos autorisations n’ont pas pu être lues. Réessayez dans quelques instants.'));
      return;
    }
    listArea.replaceChildren(
      list.length === 0
        ? h('p', { 'data-state': 'empty' }, 'Vous n’avez donné aucune autorisation : aucun organisme ne peut lire vos données.')
        : h('ul', { class: 'cdc-plain-list' }, list.map((consent) => h('li', {}, consentItem(consent)))),
    );
  };
  const reload = async () => showConsents((await graphql(QUERY)).data.me!.consents);

  const consentItem = (consent: Consent): HTMLElement => {
    const status = CONSENT_STATUSES[consent.status]!;
    const titleId = uniqueId('autorisation');
    const item = h(
      'article',
      { class: 'cdc-message fr-p-3w fr-mb-3w', 'aria-labelledby': titleId, 'data-consent-id': consent.id, 'data-status': consent.status },
      h('h3', { class: 'fr-h5 fr-mb-1w', id: titleId }, consent.grantee.name),
      h('p', { class: 'fr-mb-2w' }, badge(status.label, status.badge), ' ', THIRD_PARTY_KINDS[consent.grantee.kind] ?? consent.grantee.kind),
      facts([
        ['Informations', sectionList(consent.scopes)],
        ['Motif', `${PURPOSES[consent.purpose.code] ?? PLATFORM_PURPOSES[consent.purpose.code] ?? consent.purpose.code} — « ${consent.purpose.text} »`],
        ['Période', `Du ${dateTime(consent.startsAt)} au ${dateTime(consent.expiresAt)}`],
        ...(consent.revokedAt ? [['Retirée le', dateTime(consent.revokedAt)] as [string, string]] : []),
      ]),
    );
    if (consent.status === 'ACTIVE') item.append(revokeControl(consent));
    return item;
  };

  /** « Retirer l’autorisation » asks first, and says what withdrawing does. */
  const revokeControl = (consent: Consent): HTMLElement => {
    const revoke = h(
      'button',
      { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button' },
      'Retirer l’autorisation',
      h('span', { class: 'fr-sr-only' }, ` donnée à ${consent.grantee.name}`),
    );
    revoke.addEventListener('click', () => {
      result.clear();
      const titleId = uniqueId('retrait');
      const confirm = h('button', { class: 'fr-btn fr-btn--sm', type: 'button' }, 'Confirmer le retrait');
      const cancel = h('button', { class: 'fr-btn fr-btn--tertiary fr-btn--sm', type: 'button' }, 'Annuler');
      const panel = h(
        'div',
        { class: 'fr-p-2w cdc-confirmation', role: 'group', 'aria-labelledby': titleId },
        h('p', { class: 'fr-text--bold fr-mb-1w', id: titleId, tabindex: '-1' }, `Retirer l’autorisation donnée à ${consent.grantee.name} ?`),
        h('p', { class: 'fr-mb-2w' }, `${consent.grantee.name} ne pourra plus lire vos données dès sa prochaine demande. Pour l’autoriser à nouveau, il faudra donner une nouvelle autorisation.`),
        h('ul', { class: 'fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm' }, h('li', {}, confirm), h('li', {}, cancel)),
      );
      revoke.replaceWith(panel);
      panel.querySelector<HTMLElement>(`#${titleId}`)?.focus();
      cancel.addEventListener('click', () => {
        panel.replaceWith(revoke);
        revoke.focus();
      });
      confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        const revoked = await mutate(REVOKE, { id: consent.id });
        if (!revoked.ok) {
          confirm.disabled = false;
          result.show('error', 'Autorisation non retirée.', refusal(revoked.error));
          return;
        }
        await reload();
        result.show('success', `Autorisation retirée : ${consent.grantee.name} ne peut plus lire vos données.`);
      });
    });
    return revoke;
  };

  showConsents(first.data.me!.consents);
  return {
    title: 'Partage de mes données',
    content: container(
      pageHeading('Partage de mes données', {
        crumbs: [HOME],
        lead: 'Autorisez un organisme qui vous accompagne à lire certaines de vos informations, pour un motif et une durée que vous choisissez. Vous pouvez retirer votre autorisation à tout moment.',
      }),
      h('p', {}, 'Chaque lecture par un organisme est inscrite dans votre ', appLink('journal', 'journal des accès', { class: 'fr-link' }), '.'),
      result.element,
      h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-autorisations' }, h('h2', { id: 'titre-autorisations' }, 'Mes autorisations'), listArea),
      h(
        'section',
        { 'aria-labelledby': 'titre-autoriser' },
        h('h2', { id: 'titre-autoriser' }, 'Donner une autorisation'),
        grantForm(first.data.thirdParties, result, async (name, expiresAt) => {
          await reload();
          result.show('success', `Autorisation donnée à ${name}.`, `Elle prend fin le ${dateTime(expiresAt)}.`);
        }),
      ),
    ),
  };
}

function grantForm(thirdParties: ThirdParty[], result: Outcome, onGranted: (name: string, expiresAt: string) => Promise<void>): HTMLElement {
  const grantee = select({
    label: 'Organisme',
    name: 'organisme',
    placeholder: 'Choisir un organisme',
    choices: thirdParties.map((party) => ({ value: party.id, label: `${party.name} (${THIRD_PARTY_KINDS[party.kind] ?? party.kind})` })),
  });
  const scopes = checkboxGroup({ legend: 'Informations qu’il pourra lire', name: 'informations' });
  const noGrantee = 'Choisissez d’abord l’organisme : la liste dépend de ce qu’il peut demander.';
  scopes.setChoices([], noGrantee);
  grantee.control.addEventListener('change', () => {
    const party = thirdParties.find((candidate) => candidate.id === grantee.control.value);
    grantee.setError(null);
    scopes.setChoices(
      (party?.scopes ?? []).map((scope) => {
        const section = SHARED_SECTIONS[scope.replace(/:read$/, '')];
        return { value: scope, label: section?.label ?? scope, hint: section?.detail };
      }),
      noGrantee,
    );
  });
  const purpose = select({
    label: 'Motif',
    name: 'motif',
    placeholder: 'Choisir un motif',
    choices: Object.entries(PURPOSES).map(([value, label]) => ({ value, label })),
  });
  const purposeText = textArea({
    label: 'Précisez le motif',
    name: 'precision',
    hint: `Ce que l’organisme fera de ces informations, en quelques mots (${count(PURPOSE_MAX)} caractères au plus). Exemple : demande de RSA.`,
    maxLength: PURPOSE_MAX,
    rows: 3,
  });
  const duration = radioGroup({ legend: 'Durée de l’autorisation', name: 'duree', choices: DURATIONS });
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Donner l’autorisation');
  const form = h(
    'form',
    { novalidate: true, class: 'cdc-form' },
    h('p', { class: 'fr-hint-text' }, 'Tous les champs sont obligatoires. Une autorisation d’un an donnée le 3 décembre prend fin le 3 décembre suivant, à la même heure.'),
    grantee.group,
    scopes.group,
    purpose.group,
    purposeText.group,
    duration.group,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const problems: Array<() => void> = [];
    const check = (ok: boolean, show: (message: string | null) => void, message: string, focus: () => void) => {
      show(ok ? null : message);
      if (!ok) problems.push(focus);
    };
    check(grantee.control.value !== '', grantee.setError, 'Choisissez l’organisme.', () => grantee.control.focus());
    check(grantee.control.value === '' || scopes.values().length > 0, scopes.setError, 'Cochez au moins une information.', scopes.focus);
    check(purpose.control.value !== '', purpose.setError, 'Choisissez le motif.', () => purpose.control.focus());
    check(purposeText.control.value.trim() !== '', purposeText.setError, 'Précisez le motif en quelques mots.', () => purposeText.control.focus());
    check(duration.value() !== null, duration.setError, 'Choisissez une durée.', duration.focus);
    if (problems.length > 0) {
      problems[0]!();
      return;
    }
    const party = thirdParties.find((candidate) => candidate.id === grantee.control.value)!;
    submit.disabled = true;
    const granted = await mutate(GRANT, {
      grantee: party.id,
      scopes: scopes.values(),
      purpose: { code: purpose.control.value as PurposeCode, text: purposeText.control.value.trim() },
      durationMonths: Number(duration.value()),
    });
    submit.disabled = false;
    if (!granted.ok) {
      result.show('error', 'Autorisation non donnée.', refusal(granted.error));
      return;
    }
    form.reset();
    scopes.setChoices([], noGrantee);
    await onGranted(party.name, granted.data.grantConsent.expiresAt);
  });
  return form;
}
