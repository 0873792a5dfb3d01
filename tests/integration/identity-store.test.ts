import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { personaIdentities } from '../../mocks/population/personas.ts';
import { ConsentAlreadyActiveError, ConsentStore, statusOf, type NewConsent } from '../../subgraphs/identity/store/consents.ts';
import { DatabaseError } from '../../common/database.ts';
import { JournalStore } from '../../subgraphs/identity/store/journal.ts';
import { migrate } from '../../subgraphs/identity/store/migrations.ts';
import { DATABASE_ENGINES, openTestDatabase, type TestDatabase } from '../support/database.ts';

const camille = personaIdentities.find((p) => p.login === 'camille.martin')!;
const NOW = new Date('2026-11-15T12:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const ccas = { clientId: 'ccas-lyon', name: 'CCAS de Lyon', kind: 'SOCIAL_WORKER' as const };

function newConsent(overrides: Partial<NewConsent> = {}): NewConsent {
  return {
    personId: 'person-camille',
    pivot: camille.pivot,
    grantee: ccas,
    scopes: ['family:read'],
    purpose: { code: 'SOCIAL_SUPPORT', text: 'Dossier RSA' },
    startsAt: NOW,
    expiresAt: inDays(30),
    ...overrides,
  };
}

describe.each(DATABASE_ENGINES)('consent and journal stores on $engine', ({ url }) => {
  let test: TestDatabase;
  let consents: ConsentStore;
  let journal: JournalStore;

  beforeAll(async () => {
    test = await openTestDatabase(url);
    consents = new ConsentStore(test.db);
    journal = new JournalStore(test.db);
  });
  afterAll(() => test?.drop());

  it('migrations are applied once: a second run applies nothing', async () => {
    expect(await migrate(test.db)).toEqual([]);
  });

  it('grants a consent, lists it active for the grantee with no pivot, and computes its status at read time', async () => {
    const granted = await consents.grant(newConsent());
    expect(granted).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      personId: 'person-camille',
      grantee: ccas,
      scopes: ['family:read'],
      purpose: { code: 'SOCIAL_SUPPORT', text: 'Dossier RSA' },
      startsAt: NOW,
      expiresAt: inDays(30),
      revokedAt: null,
    });
    expect(await consents.activeFor('ccas-lyon', NOW)).toEqual([
      { id: granted.id, personId: 'person-camille', scopes: ['family:read'], purpose: granted.purpose, expiresAt: inDays(30) },
    ]);
    expect(await consents.activeFor('ccas-lyon', inDays(30))).toEqual([]);
    expect(statusOf(granted, inDays(29))).toBe('ACTIVE');
    expect(statusOf(granted, inDays(30))).toBe('EXPIRED');
    expect((await consents.pivotsFor('ccas-lyon', ['person-camille', 'someone-else'])).get('person-camille')).toEqual(camille.pivot);
    expect((await consents.pivotsFor('another-client', ['person-camille'])).size).toBe(0);
  });

  it('refuses a second active consent to the same grantee, and a consent longer than a year', async () => {
    await expect(consents.grant(newConsent())).rejects.toBeInstanceOf(ConsentAlreadyActiveError);
    const tooLong = consents.grant(newConsent({ personId: 'person-x', expiresAt: inDays(367) }));
    await expect(tooLong).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', sqlState: '23514' });
  });

  it('revokes only the person’s own consent, once', async () => {
    const [consent] = await consents.ofPerson('person-camille');
    expect(await consents.revoke('someone-else', consent!.id, NOW)).toBeNull();
    expect(await consents.revoke('person-camille', 'not-a-uuid', NOW)).toBeNull();
    const revoked = await consents.revoke('person-camille', consent!.id, inDays(1));
    expect(revoked?.revokedAt).toEqual(inDays(1));
    expect((await consents.revoke('person-camille', consent!.id, inDays(2)))?.revokedAt).toEqual(inDays(1));
    expect(await consents.activeFor('ccas-lyon', inDays(1))).toEqual([]);
  });

  it('appends journal entries, pages them newest first, and the database refuses to change or delete them', async () => {
    const consent = await consents.grant(newConsent({ personId: 'person-j', startsAt: NOW }));
    const entry = (n: number) => ({
      personId: 'person-j',
      readAt: inDays(n),
      reader: ccas,
      consentId: consent.id,
      purpose: consent.purpose,
      sections: ['employment', 'family'],
    });
    await journal.append([entry(1), entry(2)]);
    await journal.append([entry(3)]);
    const first = await journal.page('person-j', 2, null);
    expect(first.entries.map((e) => e.readAt)).toEqual([inDays(3), inDays(2)]);
    expect(first.hasNextPage).toBe(true);
    expect(first.entries[0]).toEqual({ id: expect.any(String), ...entry(3) });
    const rest = await journal.page('person-j', 2, first.entries[1]!.id);
    expect(rest).toEqual({ entries: [{ id: expect.any(String), ...entry(1) }], hasNextPage: false });

    for (const statement of ['UPDATE access_journal SET sections = ARRAY[\'x\']', 'DELETE FROM access_journal', 'TRUNCATE access_journal']) {
      const refused = await test.db.query(statement).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DatabaseError);
      expect(refused).toMatchObject({ sqlState: '42501' });
    }
    expect((await journal.page('person-j', 10, null)).entries).toHaveLength(3);
  });
});
