import { AGENCY_NAMES } from '../../../contract/agencies.ts';
import { startAgencies, type AgencyName, type RunningAgencies } from '../../../mocks/agencies/index.ts';
import { generatePopulation } from '../../../mocks/population/index.ts';
import { call, lookupPath, NOW, personaIdentite, TODAY, type Answer } from './helpers.ts';

const population = generatePopulation({ seed: 5, size: 50, today: TODAY });
let agencies: RunningAgencies;

beforeEach(async () => {
  agencies = await startAgencies({ population, clock: () => NOW });
});
afterEach(() => agencies.close());

const ADDRESS = {
  type: 'ADRESSE',
  date_effet: '2026-12-01',
  adresse: { ligne: '12 rue des Lilas', complement: null, code_postal: '69003', commune: 'Lyon' },
};

async function dossierId(agency: AgencyName, login: string): Promise<string> {
  const { json } = await call(agencies.urls[agency], lookupPath(personaIdentite(login)), { apiKey: agencies.apiKeys[agency] });
  const data = json.data as Record<string, unknown>;
  return (data.id ?? data.numero_allocataire ?? data.identifiant) as string;
}

function change(agency: AgencyName, id: string, body: unknown, key: string | null = 'declaration-1', apiKey = agencies.apiKeys[agency]): Promise<Answer> {
  return call(agencies.urls[agency], `/v1/dossiers/${id}/changements`, {
    method: 'POST',
    apiKey,
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

describe('changes of situation at the agencies', () => {
  it.each(AGENCY_NAMES)('%s applies a new address once per Idempotency-Key, and its file shows it', async (agency) => {
    const id = await dossierId(agency, 'karim.benali');
    const first = await change(agency, id, ADDRESS);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ data: { id: `CHG-${id}-1`, type: 'ADRESSE', date_reception: NOW.toISOString() } });
    const replay = await change(agency, id, ADDRESS);
    expect([replay.status, replay.headers['idempotent-replayed'], replay.json]).toEqual([201, 'true', first.json]);

    const file = await call(agencies.urls[agency], `/v1/dossiers/${id}/coordonnees`, { apiKey: agencies.apiKeys[agency] });
    expect(file.json).toEqual({
      data: {
        adresse: ADDRESS.adresse,
        date_effet_adresse: '2026-12-01',
        coordonnees_bancaires: null,
        telephone: null,
        email: null,
        changements: [{ id: `CHG-${id}-1`, type: 'ADRESSE', date_reception: NOW.toISOString() }],
      },
    });
  });

  it('refuses without the API key, without an Idempotency-Key, a key reused for another change, and a malformed change', async () => {
    const id = await dossierId('caf', 'karim.benali');
    expect((await change('caf', id, ADDRESS, 'k', 'wrong')).json.errors[0].code).toBe('API_KEY_INVALID');
    const missing = await change('caf', id, ADDRESS, null);
    expect([missing.status, missing.json.errors[0].code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    await change('caf', id, ADDRESS, 'k');
    const reused = await change('caf', id, { type: 'EMAIL', email: 'karim@example.org' }, 'k');
    expect([reused.status, reused.json.errors[0].code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const badPostcode = await change('caf', id, { ...ADDRESS, adresse: { ...ADDRESS.adresse, code_postal: '6900' } }, 'k2');
    expect([badPostcode.status, badPostcode.json.errors[0]]).toEqual([
      400,
      {
        code: 'INVALID_PARAMETER',
        title: 'Paramètre invalide',
        detail: 'adresse.code_postal est absent ou invalide (reçu : "6900").',
        source: { parameter: 'adresse.code_postal' },
      },
    ]);
    const unknown = await change('caf', 'CAF-9999999', ADDRESS, 'k3');
    expect([unknown.status, unknown.json.errors[0].code]).toEqual([404, 'NOT_FOUND']);
  });

  it('the CPF refuses bank details for its own reason, the same way on a replay', async () => {
    const id = await dossierId('cpf', 'karim.benali');
    const bank = { type: 'COORDONNEES_BANCAIRES', date_effet: '2026-12-01', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
    const refusal = {
      errors: [
        {
          code: 'CHANGEMENT_NON_APPLICABLE',
          title: 'Changement non applicable',
          detail: "Le compte personnel de formation ne verse rien à son titulaire : la Caisse des Dépôts n'enregistre pas de coordonnées bancaires.",
        },
      ],
    };
    expect(await change('cpf', id, bank).then((a) => [a.status, a.json])).toEqual([422, refusal]);
    expect(await change('cpf', id, bank).then((a) => [a.status, a.json])).toEqual([422, refusal]);
    expect((await change('caf', await dossierId('caf', 'karim.benali'), bank)).status).toBe(201);
  });

  it('is subject to the fault controls like every route', async () => {
    const id = await dossierId('france-travail', 'karim.benali');
    agencies.instances['france-travail'].control.set({ fault: 'error_500' });
    expect((await change('france-travail', id, ADDRESS)).status).toBe(500);
    agencies.instances['france-travail'].control.reset();
    expect((await change('france-travail', id, ADDRESS)).status).toBe(201);
  });
});
