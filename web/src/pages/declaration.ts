import { dateTime, list, longDate } from '../../../contract/french.ts';
import { badge, container, facts, HOME, pageHeading, table } from '../components.ts';
import { h } from '../dom.ts';
import { checkboxGroup, outcome, radioGroup, reviewStep, textInput, type Field } from '../forms.ts';
import { graphql, mutate, type ApiError } from '../graphql.ts';
import { AGENCIES, errorMessage } from '../labels.ts';
import {
  AppChangementDocument as QUERY,
  AppDeclarerChangementDocument as DECLARE,
  AppSuiviDeclarationsDocument as FOLLOW,
  type AppChangementQuery,
  type Agency,
  type ChangeKind,
} from '../operations.generated.ts';
import type { Rendered } from '../screen.ts';

type Connection = NonNullable<AppChangementQuery['me']>['declarations'];
type Declaration = NonNullable<Connection>['edges'][number]['node'];
type Delivery = Declaration['deliveries'][number];
type Kind = ChangeKind;

const KINDS: Record<Kind, string> = {
  ADDRESS: 'Adresse postale',
  BANK_DETAILS: 'Coordonnées bancaires',
  PHONE: 'Numéro de téléphone',
  EMAIL: 'Adresse électronique',
};

const STATUSES: Record<Delivery['status'], { label: string; badge: 'success' | 'error' | 'info' | 'warning' | 'new' }> = {
  PENDING: { label: 'En cours d’envoi', badge: 'info' },
  DELIVERED: { label: 'Pris en compte', badge: 'success' },
  REFUSED: { label: 'Refusé', badge: 'error' },
  NO_FILE: { label: 'Pas de dossier', badge: 'warning' },
  CANCELLED: { label: 'Annulé', badge: 'warning' },
  UNDELIVERED: { label: 'Injoignable', badge: 'error' },
};

/** Which section tells that an agency holds a file on the person. */
const SECTION_OF_AGENCY = { CPF: 'training', RGCU: 'retirement', CAF: 'family', FRANCE_TRAVAIL: 'employment' } as const;

/** How often the statuses are read again while an agency has not answered. */
const REFRESH_MS = 2_000; // 2 s

/**
 * « Déclarer un changement » : a new address, bank details, phone or email, told once to the
 * agencies chosen among those holding a file on the person; reviewed before it is sent; then
 * the receipt and each agency's answer, read again until every one has answered.
 */
export async function declaration(): Promise<Rendered> {
  const { data } = await graphql(QUERY);
  const holding = (Object.keys(SECTION_OF_AGENCY) as Array<keyof typeof SECTION_OF_AGENCY>).filter((agency) => data.me![SECTION_OF_AGENCY[agency]] !== null);
  const followArea = h('div', {});
  const following = follow(followArea, data.me!.declarations);
  const result = outcome();
  const form = changeForm(holding, result, () => following.refresh());
  return {
    title: 'Déclarer un changement',
    content: container(
      pageHeading('Déclarer un changement', {
        crumbs: [HOME],
        lead: 'Vous déménagez, changez de banque, de téléphone ou d’adresse électronique ? Dites-le une seule fois : nous le transmettons à chaque organisme qui a un dossier à votre nom.',
      }),
      result.element,
      h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-declarer' }, h('h2', { id: 'titre-declarer' }, 'Nouvelle déclaration'), form),
      h('section', { 'aria-labelledby': 'titre-declarations' }, h('h2', { id: 'titre-declarations' }, 'Mes déclarations'), followArea),
    ),
  };
}

/** The list of declarations, read again every REFRESH_MS while one is not complete. */
function follow(area: HTMLElement, first: Connection): { refresh(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (connection: Connection) => {
    if (connection === null) {
      area.replaceChildren(h('p', {}, 'Vos déclarations n’ont pas pu être lues. Réessayez dans quelques instants.'));
      return;
    }
    const nodes = connection.edges.map((edge) => edge.node);
    area.replaceChildren(
      nodes.length === 0 ? h('p', {}, 'Vous n’avez encore déclaré aucun changement.') : h('div', {}, nodes.map(receipt)),
    );
    clearTimeout(timer);
    if (nodes.some((node) => !node.complete)) timer = setTimeout(() => void refresh(), REFRESH_MS);
  };
  const refresh = async () => {
    // The page was left: stop reading.
    if (!area.isConnected) return;
    const { data } = await graphql(FOLLOW);
    show(data.me!.declarations);
  };
  show(first);
  return { refresh };
}

function receipt(declaration: Declaration): HTMLElement {
  const answered = declaration.deliveries.filter((delivery) => delivery.status !== 'PENDING').length;
  return h(
    'article',
    { class: 'cdc-message fr-p-3w fr-mb-3w', 'data-receipt': declaration.receiptNumber, 'data-complete': String(declaration.complete) },
    h('h3', { class: 'fr-h5 fr-mb-1w' }, `${KINDS[declaration.kind]} — déclaration n° ${declaration.receiptNumber}`),
    h(
      'p',
      { class: 'fr-mb-2w' },
      `Déclarée le ${dateTime(declaration.declaredAt)}. `,
      declaration.complete ? 'Tous les organismes ont répondu.' : `${answered} organisme${answered > 1 ? 's' : ''} sur ${declaration.deliveries.length} ${answered > 1 ? 'ont' : 'a'} répondu ; la page se met à jour toute seule.`,
    ),
    table({
      caption: `Suivi de la déclaration n° ${declaration.receiptNumber}`,
      columns: ['Organisme', 'État', 'Précision'],
      rows: declaration.deliveries.map((delivery) => [
        AGENCIES[delivery.agency]?.name ?? delivery.agency,
        badge(STATUSES[delivery.status].label, STATUSES[delivery.status].badge),
        delivery.reason ?? (delivery.answeredAt ? `Le ${dateTime(delivery.answeredAt)}` : '—'),
      ]),
    }),
  );
}

const KIND_CHOICES = (Object.keys(KINDS) as Kind[]).map((kind) => ({ value: kind, label: KINDS[kind] }));

/** The form, its review step naming the agencies it will reach, and the sending. */
function changeForm(holding: string[], result: ReturnType<typeof outcome>, onSent: () => Promise<void>): HTMLElement {
  const kind = radioGroup({ legend: 'Que voulez-vous déclarer ?', name: 'changement', choices: KIND_CHOICES });
  const today = new Date().toISOString().slice(0, 10);
  const fields = {
    'change.address.line': textInput({ label: 'Numéro et voie', name: 'voie', hint: 'Exemple : 12 rue des Lilas', maxLength: 38, autocomplete: 'address-line1' }),
    'change.address.complement': textInput({ label: 'Complément (facultatif)', name: 'complement', hint: 'Bâtiment, étage, lieu-dit', maxLength: 38, autocomplete: 'address-line2' }),
    'change.address.postcode': textInput({ label: 'Code postal', name: 'code-postal', hint: '5 chiffres. Exemple : 69003', maxLength: 5, autocomplete: 'postal-code' }),
    'change.address.city': textInput({ label: 'Commune', name: 'commune', maxLength: 38, autocomplete: 'address-level2' }),
    'change.address.effectiveOn': textInput({ label: 'Date d’emménagement', name: 'date-adresse', type: 'date', hint: 'Jusqu’à 3 mois en arrière ou un an à l’avance.' }),
    'change.bankDetails.iban': textInput({ label: 'IBAN', name: 'iban', hint: 'Avec ou sans espaces. Exemple : FR76 3000 6000 0112 3456 7890 189', maxLength: 42 }),
    'change.bankDetails.bic': textInput({ label: 'BIC', name: 'bic', hint: '8 ou 11 caractères. Exemple : AGRIFRPP', maxLength: 11 }),
    'change.bankDetails.effectiveOn': textInput({ label: 'À partir du', name: 'date-banque', type: 'date' }),
    'change.phone.number': textInput({ label: 'Numéro de téléphone', name: 'telephone', type: 'tel', hint: 'Exemple : 06 12 34 56 78', autocomplete: 'tel' }),
    'change.email.address': textInput({ label: 'Adresse électronique', name: 'courriel', type: 'email', hint: 'Exemple : nom@exemple.fr', autocomplete: 'email' }),
  } satisfies Record<string, Field<HTMLInputElement>>;
  type FieldName = keyof typeof fields;
  fields['change.address.effectiveOn'].control.value = today;
  fields['change.bankDetails.effectiveOn'].control.value = today;
  const groups: Record<Kind, FieldName[]> = {
    ADDRESS: ['change.address.line', 'change.address.complement', 'change.address.postcode', 'change.address.city', 'change.address.effectiveOn'],
    BANK_DETAILS: ['change.bankDetails.iban', 'change.bankDetails.bic', 'change.bankDetails.effectiveOn'],
    PHONE: ['change.phone.number'],
    EMAIL: ['change.email.address'],
  };
  const panels = Object.fromEntries(
    (Object.keys(groups) as Kind[]).map((key) => [key, h('div', { hidden: true, 'data-kind': key }, groups[key].map((name) => fields[name].group))]),
  ) as unknown as Record<Kind, HTMLElement>;
  kind.onChange((value) => {
    for (const [key, panel] of Object.entries(panels)) panel.hidden = key !== value;
  });
  const agencies = checkboxGroup({ legend: 'Organismes à prévenir', name: 'organismes' });
  agencies.setChoices(
    holding.map((agency) => ({ value: agency, label: AGENCIES[agency]?.name ?? agency })),
    'Aucun organisme n’a de dossier à votre nom : il n’y a personne à prévenir.',
  );
  for (const input of agencies.group.querySelectorAll('input')) input.checked = true;
  const form = h(
    'form',
    { novalidate: true, class: 'cdc-form' },
    h('p', { class: 'fr-hint-text' }, 'Vous vérifierez votre déclaration avant de l’envoyer.'),
    kind.group,
    Object.values(panels),
    agencies.group,
    h('button', { class: 'fr-btn', type: 'submit' }, 'Vérifier ma déclaration'),
  );
  const wrapper = h('div', {}, form);
  const value = (name: FieldName) => fields[name].control.value.trim();

  const read = (): { kind: Kind; change: Record<string, unknown>; agencies: Agency[]; summary: Array<[string, string]> } | null => {
    for (const field of Object.values(fields)) field.setError(null);
    const chosen = kind.value() as Kind | null;
    kind.setError(chosen ? null : 'Choisissez ce que vous voulez déclarer.');
    const problems: Array<() => void> = chosen ? [] : [kind.focus];
    const required = (name: FieldName, message: string) => {
      if (value(name) !== '') return;
      fields[name].setError(message);
      problems.push(() => fields[name].control.focus());
    };
    if (chosen === 'ADDRESS') {
      required('change.address.line', 'Indiquez le numéro et la voie.');
      required('change.address.postcode', 'Indiquez le code postal.');
      if (value('change.address.postcode') !== '' && !/^\d{5}$/.test(value('change.address.postcode'))) {
        fields['change.address.postcode'].setError('Un code postal compte 5 chiffres, par exemple 69003.');
        problems.push(() => fields['change.address.postcode'].control.focus());
      }
      required('change.address.city', 'Indiquez la commune.');
      required('change.address.effectiveOn', 'Indiquez la date d’emménagement.');
    } else if (chosen === 'BANK_DETAILS') {
      required('change.bankDetails.iban', 'Indiquez l’IBAN.');
      required('change.bankDetails.bic', 'Indiquez le BIC.');
      required('change.bankDetails.effectiveOn', 'Indiquez la date.');
    } else if (chosen === 'PHONE') required('change.phone.number', 'Indiquez le numéro.');
    else if (chosen === 'EMAIL') required('change.email.address', 'Indiquez l’adresse électronique.');
    // The boxes' values are the agencies offered above.
    const targets = agencies.values() as Agency[];
    agencies.setError(targets.length > 0 ? null : 'Cochez au moins un organisme.');
    if (targets.length === 0) problems.push(agencies.focus);
    if (problems.length > 0 || !chosen) {
      problems[0]?.();
      return null;
    }
    const change =
      chosen === 'ADDRESS'
        ? { address: { line: value('change.address.line'), complement: value('change.address.complement') || null, postcode: value('change.address.postcode'), city: value('change.address.city'), effectiveOn: value('change.address.effectiveOn') } }
        : chosen === 'BANK_DETAILS'
          ? { bankDetails: { iban: value('change.bankDetails.iban'), bic: value('change.bankDetails.bic'), effectiveOn: value('change.bankDetails.effectiveOn') } }
          : chosen === 'PHONE'
            ? { phone: { number: value('change.phone.number') } }
            : { email: { address: value('change.email.address') } };
    const summary: Array<[string, string]> =
      chosen === 'ADDRESS'
        ? [
            ['Nouvelle adresse', [value('change.address.line'), value('change.address.complement'), `${value('change.address.postcode')} ${value('change.address.city')}`].filter(Boolean).join(', ')],
            ['À partir du', longDate(value('change.address.effectiveOn'))],
          ]
        : chosen === 'BANK_DETAILS'
          ? [
              ['IBAN', value('change.bankDetails.iban')],
              ['BIC', value('change.bankDetails.bic')],
              ['À partir du', longDate(value('change.bankDetails.effectiveOn'))],
            ]
          : chosen === 'PHONE'
            ? [['Nouveau numéro', value('change.phone.number')]]
            : [['Nouvelle adresse électronique', value('change.email.address')]];
    return { kind: chosen, change, agencies: targets, summary };
  };

  const review = (declared: NonNullable<ReturnType<typeof read>>) => {
    // One key per reviewed declaration: sending it again (a double click, a retry) declares once.
    const idempotencyKey = crypto.randomUUID();
    const names = declared.agencies.map((agency) => AGENCIES[agency]?.holder ?? agency);
    const { send, refused, close } = reviewStep(wrapper, form, {
      id: 'titre-verification-changement',
      title: `Vérifiez votre déclaration : ${KINDS[declared.kind].toLowerCase()}`,
      body: [
        h('p', {}, 'Rien n’est encore envoyé.'),
        facts(declared.summary),
        h('p', { 'data-recipients': declared.agencies.join(' ') }, `Elle sera transmise à ${list(names)}.`),
      ],
      send: 'Envoyer ma déclaration',
      edit: 'Modifier',
      onEdit: () => kind.focus(),
    });
    send.addEventListener('click', async () => {
      send.disabled = true;
      const sent = await mutate(DECLARE, { change: declared.change, agencies: declared.agencies, idempotencyKey });
      if (sent.ok) {
        close();
        form.reset();
        for (const input of agencies.group.querySelectorAll('input')) input.checked = true;
        for (const panelOfKind of Object.values(panels)) panelOfKind.hidden = true;
        const { receiptNumber } = sent.data.declareChange;
        result.show('success', `Déclaration enregistrée sous le n° ${receiptNumber}.`, `Nous la transmettons à ${list(names)} ; suivez leurs réponses ci-dessous.`);
        await onSent();
        return;
      }
      const name = sent.error.extensions?.field as FieldName | undefined;
      if (name && fields[name]) {
        close();
        fields[name].setError(fieldRefusal(sent.error));
        fields[name].control.focus();
        return;
      }
      send.disabled = false;
      refused.show('error', 'Déclaration non envoyée.', errorMessage(sent.error, 'le service des déclarations'));
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.clear();
    const declared = read();
    if (declared) review(declared);
  });
  return wrapper;
}

/** What to fix in a field the platform refused, in words. */
function fieldRefusal(error: ApiError): string {
  switch (error.extensions?.field) {
    case 'change.address.postcode':
      return 'Ce code postal n’existe pas : un code postal français compte 5 chiffres, par exemple 69003.';
    case 'change.bankDetails.iban':
      return 'Cet IBAN n’est pas valide : vérifiez-le sur votre relevé d’identité bancaire.';
    case 'change.bankDetails.bic':
      return 'Ce BIC n’est pas valide : il compte 8 ou 11 caractères, par exemple AGRIFRPP.';
    case 'change.phone.number':
      return 'Ce numéro n’est pas valide : écrivez-le par exemple 06 12 34 56 78.';
    case 'change.email.address':
      return 'Cette adresse électronique n’est pas valide : écrivez-la par exemple nom@exemple.fr.';
    default:
      return error.extensions?.reason === 'OUT_OF_RANGE'
        ? 'Cette valeur est hors des limites : une date va de 3 mois en arrière à un an à l’avance, une ligne d’adresse compte 38 caractères au plus.'
        : 'Cette valeur n’est pas valide : corrigez-la.';
  }
}
