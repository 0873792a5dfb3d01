import { buildCpf } from '../../../mocks/agencies/index.ts';
import { Catalogue } from '../../../mocks/agencies/cpf/catalogue.ts';
import { CURATED_TRAININGS, generatePopulation, normaliseName } from '../../../mocks/population/index.ts';
import { call, listen, lookupPath, NOW, personaIdentite, TODAY, type Answer, type Started } from './helpers.ts';

const population = generatePopulation({ seed: 3, size: 100, today: TODAY });
const KEY = 'test-cpf-key';
let cpf: Started;

beforeEach(async () => {
  cpf = await listen(buildCpf({ population, apiKey: KEY, clock: () => NOW }));
});
afterEach(() => cpf.close());

const LUCAS = 'CPF-0000004';
const KARIM = 'CPF-0000002';
const permisB = CURATED_TRAININGS.permisB;

function enrol(dossier: string, key: string | null, body: unknown): Promise<Answer> {
  return call(cpf.url, `/v1/dossiers/${dossier}/inscriptions`, {
    method: 'POST',
    apiKey: KEY,
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

async function balance(login: string): Promise<number> {
  return (await call(cpf.url, lookupPath(personaIdentite(login)), { apiKey: KEY })).json.data.compte.solde_euros;
}

describe('catalogue', () => {
  it('lists 20 trainings a page, the curated ones first', async () => {
    const answer = await call(cpf.url, '/v1/formations', { apiKey: KEY });
    expect(answer.status).toBe(200);
    expect(answer.json.meta).toEqual({ page: 1, par_page: 20, total: 307 });
    expect(answer.json.data).toHaveLength(20);
    expect(answer.json.data[0].numero_formation).toBe(CURATED_TRAININGS.cacesR489.numero);
  });

  it('searches text regardless of case and accents, by region and maximum price', async () => {
    const text = await call(cpf.url, `/v1/formations?q=${encodeURIComponent('développeur WEB')}&par_page=100`, { apiKey: KEY });
    expect(text.json.data.length).toBeGreaterThan(1);
    for (const formation of text.json.data) expect(normaliseName(formation.intitule_formation)).toContain('DEVELOPPEUR WEB');
    const filtered = await call(cpf.url, '/v1/formations?region=84&prix_max=2500&par_page=100', { apiKey: KEY });
    expect(filtered.json.meta.total).toBe(filtered.json.data.length);
    expect(filtered.json.data.map((f: any) => f.numero_formation)).toContain(CURATED_TRAININGS.soinsPalliatifs.numero);
    for (const formation of filtered.json.data) {
      expect(formation.code_region).toBe('84');
      expect(formation.frais_ttc_tot_mean).toBeLessThanOrEqual(2500);
    }
  });

  it('lists only the trainings with a session open for enrolment when asked', async () => {
    const all = await call(cpf.url, '/v1/formations?par_page=100&page=4', { apiKey: KEY });
    const open = await call(cpf.url, '/v1/formations?session_ouverte=true&par_page=100&page=4', { apiKey: KEY });
    expect(open.json.meta.total).toBeLessThan(all.json.meta.total);
    const everyOpen = await call(cpf.url, '/v1/formations?session_ouverte=true&par_page=100', { apiKey: KEY });
    for (const formation of everyOpen.json.data) expect(formation.sessions.some((session: any) => session.statut === 'OUVERTE')).toBe(true);
    expect((await call(cpf.url, '/v1/formations?session_ouverte=oui', { apiKey: KEY })).json.errors[0]).toMatchObject({
      code: 'INVALID_PARAMETER',
      source: { parameter: 'session_ouverte' },
    });
  });

  it('pages through the same ordered list', async () => {
    const all = await call(cpf.url, '/v1/formations?par_page=100', { apiKey: KEY });
    const page = await call(cpf.url, '/v1/formations?page=3&par_page=7', { apiKey: KEY });
    expect(page.json.meta).toEqual({ page: 3, par_page: 7, total: 307 });
    expect(page.json.data).toEqual(all.json.data.slice(14, 21));
  });

  it.each([
    ['par_page', 'par_page=101'],
    ['page', 'page=0'],
    ['region', 'region=ARA'],
    ['prix_max', 'prix_max=beaucoup'],
  ])('refuses an invalid %s with 400 INVALID_PARAMETER', async (parameter, query) => {
    const answer = await call(cpf.url, `/v1/formations?${query}`, { apiKey: KEY });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', source: { parameter } });
  });

  it('gives one training with its sessions, relative to today', async () => {
    const answer = await call(cpf.url, `/v1/formations/${permisB.numero}`, { apiKey: KEY });
    expect(answer.json.data).toEqual({
      numero_formation: permisB.numero,
      intitule_formation: 'Permis de conduire B — code et conduite',
      nom_of: 'Auto-école Bordeaux Bastide',
      siret_of: '81295327300018',
      code_rncp: 'RS6001',
      code_region: '75',
      nom_region: 'Nouvelle-Aquitaine',
      frais_ttc_tot_mean: 1450,
      nombre_heures_total_mean: 30,
      sessions: [
        { id: `${permisB.numero}-S1`, date_debut: '2026-12-01', date_fin: '2026-12-05', statut: 'OUVERTE', places_restantes: 8 },
        { id: `${permisB.numero}-S3`, date_debut: '2027-02-01', date_fin: '2027-02-05', statut: 'FERMEE', places_restantes: 0 },
        { id: `${permisB.numero}-S2`, date_debut: '2027-03-01', date_fin: '2027-03-05', statut: 'OUVERTE', places_restantes: 12 },
      ],
    });
    const unknown = await call(cpf.url, '/v1/formations/NOPE', { apiKey: KEY });
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0].code).toBe('FORMATION_INCONNUE');
  });
});

describe('enrolment', () => {
  const permisS1 = { numero_formation: permisB.numero, session_id: `${permisB.numero}-S1` };

  it('enrols, debits the balance and records the movement', async () => {
    const answer = await enrol(LUCAS, 'lucas-permis-1', permisS1);
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBeUndefined();
    expect(answer.json).toEqual({
      data: {
        inscription: {
          id: 'INS-0000004-1',
          numero_formation: permisB.numero,
          intitule_formation: 'Permis de conduire B — code et conduite',
          session_id: `${permisB.numero}-S1`,
          date_inscription: TODAY,
          date_debut_session: '2026-12-01',
          montant_euros: 1450,
          statut: 'VALIDEE',
        },
        // The seat taken: one fewer than the 8 the catalogue listed.
        session: { id: `${permisB.numero}-S1`, date_debut: '2026-12-01', date_fin: '2026-12-05', statut: 'OUVERTE', places_restantes: 7 },
        solde_euros: 950,
      },
    });
    const listed = (await call(cpf.url, `/v1/formations/${permisB.numero}`, { apiKey: KEY })).json.data.sessions[0];
    expect(listed).toEqual(answer.json.data.session);
    const dossier = (await call(cpf.url, lookupPath(personaIdentite('lucas.petit')), { apiKey: KEY })).json.data;
    expect(dossier.compte.solde_euros).toBe(950);
    expect(dossier.mouvements[0]).toEqual({
      id: 'MVT-0000004-4',
      date: TODAY,
      type: 'INSCRIPTION',
      montant_euros: -1450,
      libelle: 'Inscription : Permis de conduire B — code et conduite',
    });
    expect(dossier.inscriptions[0]).toEqual(answer.json.data.inscription);
  });

  it('debits once when replayed, and says so', async () => {
    const first = await enrol(LUCAS, 'lucas-permis-2', permisS1);
    const replay = await enrol(LUCAS, 'lucas-permis-2', permisS1);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(await balance('lucas.petit')).toBe(950);
  });

  it('debits once for two identical concurrent requests', async () => {
    const toeic = { numero_formation: CURATED_TRAININGS.anglaisToeic.numero, session_id: `${CURATED_TRAININGS.anglaisToeic.numero}-S2` };
    const [a, b] = await Promise.all([enrol(KARIM, 'karim-toeic', toeic), enrol(KARIM, 'karim-toeic', toeic)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json).toEqual(b.json);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter((h) => h === 'true')).toHaveLength(1);
    expect(await balance('karim.benali')).toBe(3000);
  });

  it('refuses the same key for another request: 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await enrol(LUCAS, 'lucas-key', permisS1);
    const other = await enrol(LUCAS, 'lucas-key', { ...permisS1, session_id: `${permisB.numero}-S2` });
    expect(other.status).toBe(422);
    expect(other.json.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balance('lucas.petit')).toBe(950);
  });

  it.each([
    ['IDEMPOTENCY_KEY_MISSING', 400, LUCAS, null, permisS1],
    ['INVALID_PARAMETER', 400, LUCAS, 'k-body', { numero_formation: permisB.numero }],
    ['NOT_FOUND', 404, 'CPF-9999999', 'k-dossier', permisS1],
    ['FORMATION_INCONNUE', 404, LUCAS, 'k-formation', { numero_formation: 'NOPE', session_id: 'NOPE-S1' }],
    ['SESSION_INCONNUE', 404, LUCAS, 'k-session', { numero_formation: permisB.numero, session_id: 'NOPE-S1' }],
    ['SESSION_FERMEE', 409, LUCAS, 'k-closed', { numero_formation: permisB.numero, session_id: `${permisB.numero}-S3` }],
  ])('refuses with %s (%i)', async (code, status, dossier, key, body) => {
    const answer = await enrol(dossier as string, key as string | null, body);
    expect(answer.status).toBe(status);
    expect(answer.json.errors[0].code).toBe(code);
    expect(await balance('lucas.petit')).toBe(2400);
  });

  it('refuses a training the balance cannot pay, and replays the refusal', async () => {
    const web = { numero_formation: CURATED_TRAININGS.developpeurWeb.numero, session_id: `${CURATED_TRAININGS.developpeurWeb.numero}-S1` };
    const answer = await enrol(LUCAS, 'lucas-web', web);
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      errors: [{ code: 'SOLDE_INSUFFISANT', title: 'Solde insuffisant', detail: 'La formation coûte 7900 € et le solde du compte est de 2400 €.' }],
    });
    const replay = await enrol(LUCAS, 'lucas-web', web);
    expect(replay.status).toBe(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json).toEqual(answer.json);
  });

  it('keeps each server instance’s balances to itself', async () => {
    await enrol(LUCAS, 'lucas-permis-3', permisS1);
    const other = await listen(buildCpf({ population, apiKey: KEY, clock: () => NOW }));
    try {
      const dossier = await call(other.url, lookupPath(personaIdentite('lucas.petit')), { apiKey: KEY });
      expect(dossier.json.data.compte.solde_euros).toBe(2400);
      expect(population.persons.find((p) => p.login === 'lucas.petit')!.dossiers.cpf!.compte.solde_euros).toBe(2400);
    } finally {
      await other.close();
    }
  });
});

describe('seats', () => {
  it('closes a session with its last seat, and an open-sessions search then leaves its training out', () => {
    const formation = population.catalogue.find((f) => f.numero_formation === permisB.numero)!;
    const lastSeat = { ...formation, sessions: [{ ...formation.sessions[0]!, places_restantes: 1 }] };
    const catalogue = new Catalogue([lastSeat]);
    const query = { words: [], region: null, maxPrice: null, openSession: true, page: 1, pageSize: 20 };
    expect(catalogue.search(query).meta.total).toBe(1);
    expect(catalogue.takeSeat(permisB.numero, `${permisB.numero}-S1`)).toMatchObject({ places_restantes: 0, statut: 'FERMEE' });
    expect(catalogue.search(query).meta.total).toBe(0);
    // The population's catalogue, shared by every server, is not written.
    expect(lastSeat.sessions[0]!.places_restantes).toBe(1);
  });
});
