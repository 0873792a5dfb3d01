import { buildCaf, buildRgcu } from '../../../mocks/agencies/index.ts';
import {
  agencySlice,
  generatePopulation,
  identiteFromPivot,
  pivotsKnownTo,
  type Identite,
  type RgcuDossier,
} from '../../../mocks/population/index.ts';
import { call, listen, lookupPath, personaIdentite, TODAY, type Started } from './helpers.ts';

const population = generatePopulation({ seed: 7, size: 300, today: TODAY });
const KEY = 'test-rgcu-key';
let rgcu: Started;

beforeAll(async () => {
  rgcu = await listen(buildRgcu({ population, apiKey: KEY }));
});
afterAll(() => rgcu.close());

const camille = personaIdentite('camille.martin');

describe('service authentication', () => {
  it('refuses a call without X-Api-Key: 401 API_KEY_MISSING', async () => {
    const answer = await call(rgcu.url, lookupPath(camille));
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({
      errors: [{ code: 'API_KEY_MISSING', title: "Clé d'API manquante", detail: "Ajoutez l'en-tête X-Api-Key avec la clé de service de la plateforme." }],
    });
  });

  it('refuses a wrong key: 401 API_KEY_INVALID', async () => {
    const answer = await call(rgcu.url, lookupPath(camille), { apiKey: 'dev-rgcu-key' });
    expect(answer.status).toBe(401);
    expect(answer.json.errors[0].code).toBe('API_KEY_INVALID');
  });
});

describe('single lookup', () => {
  it('finds a person whatever the case and accents of the names', async () => {
    const sophie = personaIdentite('sophie.lefevre');
    const written = { ...sophie, nomNaissance: 'lefevre', prenoms: ['SOPHIE', 'anne'] };
    const answer = await call(rgcu.url, lookupPath(written), { apiKey: KEY });
    expect(answer.status).toBe(200);
    expect(answer.json.data.id).toBe('RGCU-0000003');
  });

  it('needs every first name, in order', async () => {
    const answer = await call(rgcu.url, lookupPath({ ...camille, prenoms: ['Camille'] }), { apiKey: KEY });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({
      errors: [{ code: 'NOT_FOUND', title: 'Introuvable', detail: 'Aucun dossier ne correspond à cette identité.' }],
    });
  });

  it('answers 404 for an unknown person', async () => {
    const answer = await call(rgcu.url, lookupPath({ ...camille, jourDateNaissance: 15 }), { apiKey: KEY });
    expect(answer.status).toBe(404);
    expect(answer.json.errors[0].code).toBe('NOT_FOUND');
  });

  it.each([
    ['nomNaissance', (q: URLSearchParams) => q.delete('nomNaissance'), 'nomNaissance est obligatoire.'],
    ['prenoms[]', (q: URLSearchParams) => q.delete('prenoms[]'), "prenoms[] est obligatoire : donnez chaque prénom, dans l'ordre de l'état civil."],
    ['anneeDateNaissance', (q: URLSearchParams) => q.set('anneeDateNaissance', '86'), 'anneeDateNaissance doit être une année sur 4 chiffres (reçu : "86").'],
    ['moisDateNaissance', (q: URLSearchParams) => q.set('moisDateNaissance', '13'), 'moisDateNaissance doit être un mois de 1 à 12 (reçu : "13").'],
    [
      'jourDateNaissance',
      (q: URLSearchParams) => {
        q.set('moisDateNaissance', '2');
        q.set('jourDateNaissance', '31');
      },
      "La date de naissance 1986-02-31 n'existe pas.",
    ],
    ['sexeEtatCivil', (q: URLSearchParams) => q.set('sexeEtatCivil', 'X'), 'sexeEtatCivil doit valoir M ou F (reçu : "X").'],
    ['codeCogInseeCommuneNaissance', (q: URLSearchParams) => q.delete('codeCogInseeCommuneNaissance'), 'codeCogInseeCommuneNaissance est obligatoire pour une personne née en France (codeCogInseePaysNaissance 99100).'],
    ['codeCogInseePaysNaissance', (q: URLSearchParams) => q.set('codeCogInseePaysNaissance', 'FR'), 'codeCogInseePaysNaissance doit être un code pays INSEE de 5 chiffres commençant par 99, 99100 pour la France (reçu : "FR").'],
  ])('answers 400 INVALID_PARAMETER naming %s', async (parameter, change, detail) => {
    const query = new URLSearchParams(lookupPath(camille).split('?')[1]);
    change(query);
    const answer = await call(rgcu.url, `/v1/dossiers/identite?${query}`, { apiKey: KEY });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: [
        {
          code: 'INVALID_PARAMETER',
          title: 'Paramètre invalide',
          detail,
          source: { parameter },
        },
      ],
    });
  });

  it('refuses a commune for someone born abroad', async () => {
    const aicha = personaIdentite('aicha.diallo');
    const answer = await call(rgcu.url, lookupPath({ ...aicha, codeCogInseeCommuneNaissance: '75115' }), { apiKey: KEY });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].source).toEqual({ parameter: 'codeCogInseeCommuneNaissance' });
    const withoutCommune = await call(rgcu.url, lookupPath(aicha), { apiKey: KEY });
    expect(withoutCommune.json.data.id).toBe('RGCU-0000005');
  });

  it('answers 404 ROUTE_NOT_FOUND for a route the contract does not have', async () => {
    const answer = await call(rgcu.url, '/v1/dossier/identite', { apiKey: KEY });
    expect(answer.status).toBe(404);
    expect(answer.json.errors[0].code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('batch lookup', () => {
  const generated = pivotsKnownTo(population, 'rgcu')
    .slice(10, 40)
    .map(identiteFromPivot);

  async function single(identite: Identite): Promise<unknown> {
    const answer = await call(rgcu.url, lookupPath(identite), { apiKey: KEY });
    return answer.status === 200 ? { found: true, data: answer.json.data } : { found: false, error: stripSource(answer.json.errors[0]) };
  }

  it('equals the same single lookups, in order, with per-item not found and invalid items', async () => {
    const unknown = { ...camille, nomNaissance: 'INCONNU' };
    const identites: unknown[] = [
      personaIdentite('sophie.lefevre'),
      unknown,
      ...generated,
      personaIdentite('jean.dupont'),
      camille,
    ];
    const answer = await call(rgcu.url, '/v1/dossiers/batch', { method: 'POST', apiKey: KEY, body: { identites: [...identites, { ...camille, sexeEtatCivil: 'H' }] } });
    expect(answer.status).toBe(200);
    const singles = await Promise.all(identites.map((identite) => single(identite as Identite)));
    expect(answer.json.data.slice(0, identites.length)).toEqual(singles);
    expect(answer.json.data[1]).toEqual({
      found: false,
      error: { code: 'NOT_FOUND', title: 'Introuvable', detail: 'Aucun dossier ne correspond à cette identité.' },
    });
    expect(answer.json.data.at(-1)).toEqual({
      found: false,
      error: { code: 'INVALID_PARAMETER', title: 'Paramètre invalide', detail: 'sexeEtatCivil doit valoir M ou F (reçu : "H").' },
    });
    expect(answer.json.data.filter((item: { found: boolean }) => item.found)).toHaveLength(generated.length + 2);
  });

  it.each([
    ['no identites', {}],
    ['an empty list', { identites: [] }],
    ['more than 500', { identites: Array.from({ length: 501 }, () => camille) }],
  ])('answers 400 INVALID_PARAMETER for %s', async (_case, body) => {
    const answer = await call(rgcu.url, '/v1/dossiers/batch', { method: 'POST', apiKey: KEY, body });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', source: { parameter: 'identites' } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await call(rgcu.url, '/v1/dossiers/batch', { method: 'POST', apiKey: KEY, body: '{"identites":[' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0]).toEqual({
      code: 'INVALID_PARAMETER',
      title: 'Paramètre invalide',
      detail: "Le corps de la requête n'est pas du JSON valide.",
      source: { parameter: 'body' },
    });
  });
});

describe('identity index', () => {
  it('answers 404 when two dossiers share one identity', async () => {
    const slice = agencySlice(population, 'rgcu');
    const first = slice.records[0]!;
    const twin = { ...first, dossier: { ...first.dossier, id: 'RGCU-9999999' } as RgcuDossier };
    const ambiguous = await listen(buildRgcu({ population: { today: slice.today, records: [first, twin, slice.records[1]!] }, apiKey: KEY }));
    try {
      expect((await call(ambiguous.url, lookupPath(identiteFromPivot(first.pivot)), { apiKey: KEY })).status).toBe(404);
      const other = await call(ambiguous.url, lookupPath(identiteFromPivot(slice.records[1]!.pivot)), { apiKey: KEY });
      expect(other.json.data.id).toBe(slice.records[1]!.dossier.id);
    } finally {
      await ambiguous.close();
    }
  });

  it('takes a slice: an agency built on its slice answers like one built on the population', async () => {
    const fromSlice = await listen(buildCaf({ population: agencySlice(population, 'caf'), apiKey: KEY }));
    const fromPopulation = await listen(buildCaf({ population, apiKey: KEY }));
    try {
      const path = lookupPath(personaIdentite('karim.benali'));
      expect((await call(fromSlice.url, path, { apiKey: KEY })).json).toEqual((await call(fromPopulation.url, path, { apiKey: KEY })).json);
    } finally {
      await Promise.all([fromSlice.close(), fromPopulation.close()]);
    }
  });
});

function stripSource(error: { code: string; title: string; detail: string }): unknown {
  return { code: error.code, title: error.title, detail: error.detail };
}
