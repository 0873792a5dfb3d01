import { buildFranceTravail, startAgencies, type AgencyName, type RunningAgencies } from '../../../mocks/agencies/index.ts';
import { agencySlice, generatePopulation } from '../../../mocks/population/index.ts';
import { call, listen, lookupPath, NOW, personaIdentite, TODAY, type Answer } from './helpers.ts';

// Each test starts its own agencies: actualisations and messages change server state.
const population = generatePopulation({ seed: 5, size: 50, today: TODAY });
let agencies: RunningAgencies;

beforeEach(async () => {
  agencies = await startAgencies({ population, clock: () => NOW });
});
afterEach(() => agencies.close());

function get(agency: AgencyName, path: string): Promise<Answer> {
  return call(agencies.urls[agency], path, { apiKey: agencies.apiKeys[agency] });
}

function post(agency: AgencyName, path: string, body?: unknown): Promise<Answer> {
  return call(agencies.urls[agency], path, { method: 'POST', apiKey: agencies.apiKeys[agency], body });
}

describe('API Particulier v3 routes', () => {
  it('CAF: quotient familial by identity', async () => {
    const answer = await get('caf', lookupPath(personaIdentite('karim.benali'), '/v3/dss/quotient_familial/identite'));
    const dossier = (await get('caf', lookupPath(personaIdentite('karim.benali')))).json.data;
    expect(answer.json).toEqual({
      data: {
        allocataires: dossier.allocataires,
        enfants: dossier.enfants,
        adresse: dossier.adresse,
        quotient_familial: { fournisseur: 'CNAF', valeur: 620, annee: 2026, mois: 11 },
      },
    });
    expect((await get('caf', lookupPath(personaIdentite('camille.martin'), '/v3/dss/quotient_familial/identite'))).status).toBe(404);
  });

  it('France Travail: registration status and allowance payments by identity', async () => {
    const karim = personaIdentite('karim.benali');
    const statut = await get('france-travail', lookupPath(karim, '/v3/france_travail/statut/identite'));
    expect(statut.json).toEqual({
      data: {
        identifiant: 'FT-0000001',
        inscription: {
          date_debut: '2026-03-02',
          date_fin: null,
          categorie: { code: 'A', libelle: 'Sans emploi, tenu de faire des actes positifs de recherche d’emploi' },
        },
      },
    });
    const indemnites = await get('france-travail', lookupPath(karim, '/v3/france_travail/indemnites/identite'));
    expect(indemnites.json.data.identifiant).toBe('FT-0000001');
    expect(indemnites.json.data.paiements).toHaveLength(7);
    expect(indemnites.json.data.paiements[0]).toEqual({
      date_versement: '2026-10-03',
      montant_total: 1236,
      montant_allocation: 1236,
      montant_aide: 0,
      montant_autre_aide: 0,
    });
    const unknown = await get('france-travail', lookupPath(personaIdentite('jean.dupont'), '/v3/france_travail/statut/identite'));
    expect(unknown.status).toBe(404);
  });
});

describe('RGCU estimation for a chosen age', () => {
  it('estimates Sophie’s pension at other ages: less before the full rate, more after', async () => {
    const at63 = await get('rgcu', '/v1/dossiers/RGCU-0000003/estimation?age_annees=63&age_mois=6');
    expect(at63.status).toBe(200);
    expect(at63.json.data).toEqual({
      age_depart_annees: 63,
      age_depart_mois: 6,
      date_depart: '2027-01-01',
      montant_mensuel_brut_euros: expect.any(Number),
      taux_plein: false,
      // Three quarters short of the 170 required at 63 y 6 m: the décote counts them.
      trimestres_au_depart: 167,
      trimestres_decote: 3,
      trimestres_surcote: 0,
    });
    const at67 = (await get('rgcu', '/v1/dossiers/RGCU-0000003/estimation?age_annees=67')).json.data;
    expect(at67).toMatchObject({ age_depart_annees: 67, age_depart_mois: 0, date_depart: '2030-07-01', taux_plein: true });
    const fullRate = (await get('rgcu', '/v1/dossiers/RGCU-0000003/estimation?age_annees=64&age_mois=1')).json.data;
    expect(fullRate).toEqual({
      age_depart_annees: 64,
      age_depart_mois: 1,
      date_depart: '2027-08-01',
      montant_mensuel_brut_euros: 1509.06,
      taux_plein: true,
      trimestres_au_depart: 170,
      trimestres_decote: 0,
      trimestres_surcote: 0,
    });
    expect(at63.json.data.montant_mensuel_brut_euros).toBeLessThan(fullRate.montant_mensuel_brut_euros);
    expect(at67.montant_mensuel_brut_euros).toBeGreaterThan(fullRate.montant_mensuel_brut_euros);
  });

  it('answers for a young person too, from the legal age', async () => {
    const answer = await get('rgcu', '/v1/dossiers/RGCU-0000001/estimation?age_annees=64');
    expect(answer.json.data).toMatchObject({ age_depart_annees: 64, age_depart_mois: 0, date_depart: '2050-04-01', taux_plein: false });
  });

  it.each([
    ['outside 62–70', '/v1/dossiers/RGCU-0000003/estimation?age_annees=71', "L'âge de départ doit être compris entre 62 et 70 ans (reçu : 71 ans 0 mois)."],
    ['before the legal age', '/v1/dossiers/RGCU-0000001/estimation?age_annees=63', "L'âge légal de départ de cet assuré est 64 ans 0 mois (reçu : 63 ans 0 mois)."],
    ['in the past', '/v1/dossiers/RGCU-0000003/estimation?age_annees=63', 'Un départ à 63 ans 0 mois aurait lieu le 2026-07-01, qui est passé.'],
  ])('refuses an age %s: 422 AGE_HORS_LIMITES', async (_case, path, detail) => {
    const answer = await get('rgcu', path);
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({ errors: [{ code: 'AGE_HORS_LIMITES', title: 'Âge de départ hors limites', detail }] });
  });

  it('refuses a missing or malformed age with 400, an unknown dossier with 404', async () => {
    expect((await get('rgcu', '/v1/dossiers/RGCU-0000003/estimation')).json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', source: { parameter: 'age_annees' } });
    expect((await get('rgcu', '/v1/dossiers/RGCU-0000003/estimation?age_annees=64&age_mois=12')).json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', source: { parameter: 'age_mois' } });
    expect((await get('rgcu', '/v1/dossiers/RGCU-9999999/estimation?age_annees=64')).status).toBe(404);
  });
});

describe('France Travail monthly update', () => {
  const declaration = {
    periode: '2026-10',
    a_travaille: false,
    en_formation: false,
    en_arret_maladie: false,
    recherche_emploi: true,
  };

  it('records the update of the open period once, and shows what was declared and when', async () => {
    const before = (await get('france-travail', lookupPath(personaIdentite('karim.benali')))).json.data;
    expect(before.actualisation).toEqual({ periode: '2026-10', date_ouverture: '2026-10-28', date_limite: '2026-11-15', statut: 'A_FAIRE', declaration: null });
    const answer = await post('france-travail', '/v1/dossiers/FT-0000001/actualisations', declaration);
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ data: { periode: '2026-10', date_enregistrement: TODAY, statut: 'EFFECTUEE' } });
    const dossier = (await get('france-travail', lookupPath(personaIdentite('karim.benali')))).json.data;
    expect(dossier.actualisation).toEqual({
      periode: '2026-10',
      date_ouverture: '2026-10-28',
      date_limite: '2026-11-15',
      statut: 'EFFECTUEE',
      declaration: {
        date_enregistrement: TODAY,
        a_travaille: false,
        heures_travaillees: null,
        salaire_brut_euros: null,
        en_formation: false,
        en_arret_maladie: false,
        recherche_emploi: true,
      },
    });
    const again = await post('france-travail', '/v1/dossiers/FT-0000001/actualisations', declaration);
    expect(again.status).toBe(409);
    expect(again.json.errors[0].code).toBe('ACTUALISATION_DEJA_FAITE');
  });

  it('takes hours and pay when the person worked', async () => {
    const answer = await post('france-travail', '/v1/dossiers/FT-0000001/actualisations', {
      ...declaration,
      a_travaille: true,
      heures_travaillees: 35,
      salaire_brut_euros: 420.5,
    });
    expect(answer.status).toBe(201);
  });

  it.each([
    ['hours missing when worked', { ...declaration, a_travaille: true, salaire_brut_euros: 100 }, 422, 'VALEUR_MANQUANTE', 'heures_travaillees'],
    ['pay without work', { ...declaration, salaire_brut_euros: 100 }, 422, 'VALEUR_INATTENDUE', 'salaire_brut_euros'],
    ['more hours than a month holds', { ...declaration, a_travaille: true, heures_travaillees: 214, salaire_brut_euros: 100 }, 422, 'VALEUR_HORS_LIMITES', 'heures_travaillees'],
    ['a gross pay beyond 4 ceilings', { ...declaration, a_travaille: true, heures_travaillees: 35, salaire_brut_euros: 99_999_999 }, 422, 'VALEUR_HORS_LIMITES', 'salaire_brut_euros'],
    ['no pay for work', { ...declaration, a_travaille: true, heures_travaillees: 35, salaire_brut_euros: 0 }, 422, 'VALEUR_HORS_LIMITES', 'salaire_brut_euros'],
    ['a missing flag', { ...declaration, recherche_emploi: undefined }, 400, 'INVALID_PARAMETER', 'recherche_emploi'],
    ['a malformed period', { ...declaration, periode: '10/2026' }, 400, 'INVALID_PARAMETER', 'periode'],
    ['negative hours', { ...declaration, a_travaille: true, heures_travaillees: -1, salaire_brut_euros: 0 }, 400, 'INVALID_PARAMETER', 'heures_travaillees'],
  ])('refuses %s', async (_case, body, status, code, parameter) => {
    const answer = await post('france-travail', '/v1/dossiers/FT-0000001/actualisations', body);
    expect(answer.status).toBe(status);
    expect(answer.json.errors[0]).toMatchObject({ code, source: { parameter } });
  });

  it('refuses another period than the open one: 422 PERIODE_NON_OUVERTE', async () => {
    const answer = await post('france-travail', '/v1/dossiers/FT-0000001/actualisations', { ...declaration, periode: '2026-09' });
    expect(answer.status).toBe(422);
    expect(answer.json.errors[0]).toEqual({
      code: 'PERIODE_NON_OUVERTE',
      title: 'Période non ouverte',
      detail: 'La période ouverte est 2026-10 (du 2026-10-28 au 2026-11-15) ; reçu : 2026-09.',
    });
  });

  it('refuses someone no longer registered: 409 NON_INSCRIT', async () => {
    const slice = agencySlice(population, 'france-travail');
    const karim = slice.records.find((record) => record.dossier.identifiant === 'FT-0000001')!;
    const left = { ...karim.dossier, inscription: { ...karim.dossier.inscription!, date_fin: '2026-09-30' }, actualisation: null };
    const server = await listen(buildFranceTravail({ population: { today: TODAY, records: [{ ...karim, dossier: left }] } }));
    try {
      const answer = await call(server.url, '/v1/dossiers/FT-0000001/actualisations', { method: 'POST', apiKey: 'dev-france-travail-key', body: declaration });
      expect(answer.status).toBe(409);
      expect(answer.json.errors[0].code).toBe('NON_INSCRIT');
    } finally {
      await server.close();
    }
  });
});

describe('messages', () => {
  it('posts a message from the person, lists it newest first, and marks agency messages read', async () => {
    const posted = await post('caf', '/v1/dossiers/CAF-0000002/messages', { objet: 'Changement de situation', corps: 'Je reprends un temps plein en janvier.' });
    expect(posted.status).toBe(201);
    expect(posted.json.data).toEqual({
      id: 'CAF-0000002-MSG-3',
      date_envoi: NOW.toISOString(),
      expediteur: 'USAGER',
      objet: 'Changement de situation',
      corps: 'Je reprends un temps plein en janvier.',
      lu: true,
    });
    const list = (await get('caf', '/v1/dossiers/CAF-0000002/messages')).json.data;
    expect(list.map((m: any) => m.id)).toEqual(['CAF-0000002-MSG-3', 'CAF-0000002-MSG-1', 'CAF-0000002-MSG-2']);
    const read = await post('caf', '/v1/dossiers/CAF-0000002/messages/CAF-0000002-MSG-1/lu');
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ id: 'CAF-0000002-MSG-1', lu: true, objet: 'Déclaration trimestrielle de ressources à faire' });
    expect((await get('caf', '/v1/dossiers/CAF-0000002/messages')).json.data.every((m: any) => m.lu)).toBe(true);
  });

  it.each([
    ['an empty objet', { objet: ' ', corps: 'texte' }],
    ['a missing corps', { objet: 'Objet' }],
    ['an objet over 200 characters', { objet: 'x'.repeat(201), corps: 'texte' }],
    ['a corps over 5000 characters', { objet: 'Objet', corps: 'x'.repeat(5001) }],
  ])('refuses %s: 422 INVALID_MESSAGE', async (_case, body) => {
    const answer = await post('cpf', '/v1/dossiers/CPF-0000001/messages', body);
    expect(answer.status).toBe(422);
    expect(answer.json.errors[0].code).toBe('INVALID_MESSAGE');
  });

  it('answers 404 for an unknown dossier or message', async () => {
    expect((await get('rgcu', '/v1/dossiers/RGCU-9999999/messages')).status).toBe(404);
    expect((await post('rgcu', '/v1/dossiers/RGCU-9999999/messages', { objet: 'a', corps: 'b' })).status).toBe(404);
    const unknownMessage = await post('rgcu', '/v1/dossiers/RGCU-0000001/messages/RGCU-0000001-MSG-9/lu');
    expect(unknownMessage.status).toBe(404);
    expect(unknownMessage.json.errors[0].code).toBe('NOT_FOUND');
  });

  it('lists an empty mailbox for a known dossier without messages', async () => {
    expect((await get('rgcu', '/v1/dossiers/RGCU-0000004/messages')).json).toEqual({ data: [] });
  });
});
