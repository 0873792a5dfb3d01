import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform, TEST_TODAY } from '../../support/platform.ts';
import { agencyDown, inputRefused, refused, withAgencyDown } from './helpers.ts';

const INBOX = '{ me { inbox { unreadCount unavailableAgencies recipients messages { id agency sentAt sender subject read } } } }';
const SEND_TO_CAF = 'mutation($input: SendMessageInput!) { sendMessageToCaf(input: $input) { id agency sentAt sender subject body read } }';
const SEND_TO_FRANCE_TRAVAIL = 'mutation($input: SendMessageInput!) { sendMessageToFranceTravail(input: $input) { id agency sender read } }';
const MARK_READ = 'mutation($id: ID!) { markFranceTravailMessageRead(messageId: $id) { id agency read } }';

// The platform's clock and the agencies' are fixed at noon UTC on TEST_TODAY.
const NOW = `${TEST_TODAY}T12:00:00.000Z`;

let platform: RunningPlatform;
let karim: Browser;

beforeAll(async () => {
  platform = await startTestPlatform();
  karim = await logIn(platform, 'karim.benali');
});

afterAll(async () => {
  await platform?.close();
});

const summary = (messages: Array<{ id: string; agency: string; sentAt: string; read: boolean }>) =>
  messages.map((m) => [m.id, m.agency, m.sentAt, m.read]);

// The tests of this file run in order on one platform: each starts from the mailboxes the previous left.
describe("karim.benali's inbox", () => {
  it('merges France Travail and the CAF, newest first, with the unread count', async () => {
    const { body } = await graphql(platform, karim, INBOX);
    expect(body.errors).toBeUndefined();
    expect(body.data.me.inbox.unreadCount).toBe(1);
    expect(body.data.me.inbox.unavailableAgencies).toEqual([]);
    // He can write to every agency: each holds a file on him.
    expect(body.data.me.inbox.recipients).toEqual(['CPF', 'RGCU', 'CAF', 'FRANCE_TRAVAIL']);
    expect(summary(body.data.me.inbox.messages)).toEqual([
      ['FT-0000001-MSG-1', 'FRANCE_TRAVAIL', '2026-10-28T06:00:00.000Z', false],
      ['FT-0000001-MSG-2', 'FRANCE_TRAVAIL', '2026-03-12T10:00:00.000Z', true],
      ['CAF-0000001-MSG-1', 'CAF', '2026-02-06T10:15:00.000Z', true],
    ]);
    expect(body.data.me.inbox.messages[0]).toMatchObject({ sender: 'AGENCY', subject: 'Votre actualisation mensuelle est ouverte' });
  });

  it('markFranceTravailMessageRead marks it read: the unread count drops to 0', async () => {
    const marked = await graphql(platform, karim, MARK_READ, { id: 'FT-0000001-MSG-1' });
    expect(marked.body).toEqual({ data: { markFranceTravailMessageRead: { id: 'FT-0000001-MSG-1', agency: 'FRANCE_TRAVAIL', read: true } } });
    const { body } = await graphql(platform, karim, INBOX);
    expect(body.data.me.inbox.unreadCount).toBe(0);
    expect(body.data.me.inbox.messages[0]).toMatchObject({ id: 'FT-0000001-MSG-1', read: true });
  });

  it('refuses to mark a message that is not in the mailbox, with MESSAGE_NOT_FOUND', async () => {
    const { body } = await graphql(platform, karim, MARK_READ, { id: 'CAF-0000001-MSG-1' });
    expect(body.errors).toEqual([
      refused(
        ['markFranceTravailMessageRead'],
        'MESSAGE_NOT_FOUND',
        'There is no message CAF-0000001-MSG-1 in your mailbox: use an id from me.inbox.',
        'france-travail',
        'employment',
      ),
    ]);
  });

  it('sendMessageToCaf delivers, line breaks kept: the message is first in the inbox', async () => {
    const text = 'Bonjour,\n\nje suis au chômage depuis mars.\nCordialement,\nKarim Benali';
    const sent = await graphql(platform, karim, SEND_TO_CAF, { input: { subject: 'Changement de situation', body: text } });
    expect(sent.body).toEqual({
      data: {
        sendMessageToCaf: {
          id: 'CAF-0000001-MSG-2',
          agency: 'CAF',
          sentAt: NOW,
          sender: 'CITIZEN',
          subject: 'Changement de situation',
          body: text,
          read: true,
        },
      },
    });
    const { body } = await graphql(platform, karim, INBOX);
    expect(summary(body.data.me.inbox.messages)).toEqual([
      ['CAF-0000001-MSG-2', 'CAF', NOW, true],
      ['FT-0000001-MSG-1', 'FRANCE_TRAVAIL', '2026-10-28T06:00:00.000Z', true],
      ['FT-0000001-MSG-2', 'FRANCE_TRAVAIL', '2026-03-12T10:00:00.000Z', true],
      ['CAF-0000001-MSG-1', 'CAF', '2026-02-06T10:15:00.000Z', true],
    ]);
  });

  it('refuses a blank subject or a body over 5000 characters, and a person the agency does not know', async () => {
    const blank = await graphql(platform, karim, SEND_TO_CAF, { input: { subject: '  ', body: 'x' } });
    expect(blank.body.errors).toEqual([inputRefused(['sendMessageToCaf'], 'input.subject', 'REQUIRED', 'The message subject must not be blank.', 'family')]);
    const long = await graphql(platform, karim, SEND_TO_CAF, { input: { subject: 'x', body: 'x'.repeat(5001) } });
    expect(long.body.errors).toEqual([
      inputRefused(['sendMessageToCaf'], 'input.body', 'OUT_OF_RANGE', 'The message body must be 1 to 5000 characters (got 5001).', 'family'),
    ]);
    const camille = await logIn(platform, 'camille.martin');
    // Camille can write to the Caisse des Dépôts and the career register only: the others have no file on her.
    expect((await graphql(platform, camille, INBOX)).body.data.me.inbox.recipients).toEqual(['CPF', 'RGCU']);
    const unknown = await graphql(platform, camille, SEND_TO_CAF, { input: { subject: 'Bonjour', body: 'Bonjour' } });
    expect(unknown.body.errors).toEqual([refused(['sendMessageToCaf'], 'NOT_KNOWN_TO_AGENCY', 'The CAF has no file for you.', 'caf', 'family')]);
  });

  it('refuses to send without a session, with UNAUTHENTICATED', async () => {
    const { body } = await graphql(platform, null, SEND_TO_CAF, { input: { subject: 'x', body: 'x' } });
    expect(body.errors).toEqual([
      refused(['sendMessageToCaf'], 'UNAUTHENTICATED', 'Sign in to act on your rights: start at /auth/login.', undefined, 'family'),
    ]);
  });
});

describe('with France Travail down', () => {
  it('the inbox gives the CAF messages, newest first, and one error naming france-travail', async () => {
    const { body } = await withAgencyDown(platform, 'france-travail', () => graphql(platform, karim, INBOX));
    expect(body.errors).toEqual([agencyDown('france-travail')]);
    expect(body.data.me.inbox.unavailableAgencies).toEqual(['FRANCE_TRAVAIL']);
    // An agency that cannot be read is not offered to write to: it is said unavailable instead.
    expect(body.data.me.inbox.recipients).toEqual(['CPF', 'RGCU', 'CAF']);
    expect(summary(body.data.me.inbox.messages)).toEqual([
      ['CAF-0000001-MSG-2', 'CAF', NOW, true],
      ['CAF-0000001-MSG-1', 'CAF', '2026-02-06T10:15:00.000Z', true],
    ]);
  });

  it('a message to the CAF is still delivered; one to France Travail fails with AGENCY_UNAVAILABLE and is not sent', async () => {
    const [toCaf, toFranceTravail] = await withAgencyDown(platform, 'france-travail', () =>
      Promise.all([
        graphql(platform, karim, SEND_TO_CAF, { input: { subject: 'Attestation', body: 'Pouvez-vous me la renvoyer ?' } }),
        graphql(platform, karim, SEND_TO_FRANCE_TRAVAIL, { input: { subject: 'Rendez-vous', body: 'Bonjour' } }),
      ]),
    );
    expect(toCaf.body.data.sendMessageToCaf.id).toBe('CAF-0000001-MSG-3');
    expect(toFranceTravail.body.data).toBeNull();
    expect(toFranceTravail.body.errors).toEqual([agencyDown('france-travail', ['sendMessageToFranceTravail'])]);
    const { body } = await graphql(platform, karim, INBOX);
    // Both messages to the CAF were sent at the same (frozen) instant: ties go by agency, then id.
    expect(body.data.me.inbox.messages.map((m: { id: string }) => m.id)).toEqual([
      'CAF-0000001-MSG-2',
      'CAF-0000001-MSG-3',
      'FT-0000001-MSG-1',
      'FT-0000001-MSG-2',
      'CAF-0000001-MSG-1',
    ]);
  });
});
