import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import { listenApp, type Listening } from '../../common/listen.ts';
import { createLogger } from '../../common/observability/logging.ts';
import { createJobQueue, type JobQueue } from '../../common/queue/job-queue.ts';
import { loadThirdParties } from '../../common/third-parties.ts';
import { DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../../contract/development.ts';
import { IDENTITY_INTERNAL_AUDIENCE, mintInternalToken } from '../../contract/internal-token.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import { build as buildIdentity } from '../../subgraphs/identity/app.ts';
import { ConsentStore } from '../../subgraphs/identity/store/consents.ts';
import { JournalStore } from '../../subgraphs/identity/store/journal.ts';
import { DATABASE_ENGINES, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { generateTokenKeys, PERSON_ID_KEY, type TestKeys } from '../support/keys.ts';

// The identity subgraph's journal route (what the gateway calls before a third party's answer
// leaves): a request's entries are written, all in one statement, only when every one names a
// consent of that third party for that very person; otherwise none is.

const camille = personaIdentities.find((p) => p.login === 'camille.martin')!;
const karim = personaIdentities.find((p) => p.login === 'karim.benali')!;
const NOW = new Date('2026-11-15T12:00:00.000Z');
const ccas = { clientId: 'ccas-lyon', name: 'CCAS de Lyon', kind: 'SOCIAL_WORKER' as const };

describe.each(DATABASE_ENGINES)('the journal route on $engine', ({ url }) => {
  let keys: TestKeys;
  let store: TestDatabase;
  let identity: Listening;
  let journal: JournalStore;
  let queue: JobQueue;
  const consentIds: Record<string, string> = {};

  const write = async (clientId: string, entries: unknown[]) => {
    const thirdParty = (await loadThirdParties()).get(clientId)!;
    const token = await mintInternalToken(
      { actor: { kind: 'third_party', clientId, name: thirdParty.name }, grants: {} },
      { key: keys.privateKey, audience: IDENTITY_INTERNAL_AUDIENCE, lifetimeSeconds: 60 },
    );
    const response = await request(`${identity.url}/internal/v1/journal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ entries }),
    });
    return { status: response.statusCode, body: (await response.body.json()) as { written?: number; errors?: Array<{ extensions: { code: string } }> } };
  };

  beforeAll(async () => {
    keys = await generateTokenKeys();
    store = await openTestDatabase(url);
    journal = new JournalStore(store.db);
    const consents = new ConsentStore(store.db);
    for (const [personId, person] of [['person-camille', camille], ['person-karim', karim]] as const) {
      const consent = await consents.grant({
        personId,
        pivot: person.pivot,
        grantee: ccas,
        scopes: ['family:read', 'employment:read'],
        purpose: { code: 'SOCIAL_SUPPORT', text: 'Dossier RSA' },
        startsAt: NOW,
        expiresAt: new Date(NOW.getTime() + 30 * 86_400_000),
      });
      consentIds[personId] = consent.id;
    }
    // The subgraph queues declarations; this test sends none.
    queue = await createJobQueue({ database: store.db, schema: `${store.schema}_jobs`, logger: createLogger({ service: 'test', level: 'silent' }), maintenance: false });
    identity = await listenApp(
      await buildIdentity({
        tokenKey: keys.publicKey,
        personIdKey: PERSON_ID_KEY,
        database: store.db,
        thirdParties: await loadThirdParties(),
        declarations: { queue, encryptionKey: PERSON_ID_KEY },
        notificationKey: DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY,
        now: () => NOW,
      }),
    );
  });

  afterAll(async () => {
    await identity?.close();
    await queue?.stop();
    await store?.drop();
  });

  it('writes each entry with its consent’s purpose, sections once and sorted', async () => {
    const written = await write('ccas-lyon', [
      { personId: 'person-camille', consentId: consentIds['person-camille'], sections: ['family', 'employment', 'family'] },
      { personId: 'person-karim', consentId: consentIds['person-karim'], sections: ['family'] },
    ]);
    expect(written).toEqual({ status: 201, body: { written: 2 } });
    expect((await journal.page('person-camille', 10, null)).entries).toEqual([
      {
        id: expect.any(String),
        personId: 'person-camille',
        readAt: NOW,
        // The reader as registered (config/third-parties.json), not as the consent named it.
        reader: { clientId: 'ccas-lyon', name: (await loadThirdParties()).get('ccas-lyon')!.name, kind: 'SOCIAL_WORKER' },
        consentId: consentIds['person-camille'],
        purpose: { code: 'SOCIAL_SUPPORT', text: 'Dossier RSA' },
        sections: ['employment', 'family'],
      },
    ]);
  });

  it('writes none of a request whose entry names another person’s consent, or another party’s', async () => {
    const crossed = await write('ccas-lyon', [
      { personId: 'person-camille', consentId: consentIds['person-camille'], sections: ['family'] },
      { personId: 'person-camille', consentId: consentIds['person-karim'], sections: ['family'] },
    ]);
    expect([crossed.status, crossed.body.errors?.[0]?.extensions.code]).toEqual([422, 'CONSENT_MISMATCH']);
    const otherParty = await write('mutuelle-solidaire', [
      { personId: 'person-karim', consentId: consentIds['person-karim'], sections: ['family'] },
    ]);
    expect([otherParty.status, otherParty.body.errors?.[0]?.extensions.code]).toEqual([422, 'CONSENT_MISMATCH']);
    expect((await journal.page('person-camille', 10, null)).entries).toHaveLength(1);
    expect((await journal.page('person-karim', 10, null)).entries).toHaveLength(1);
  });
});
