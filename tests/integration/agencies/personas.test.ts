import { startAgencies, type AgencyName, type RunningAgencies } from '../../../mocks/agencies/index.ts';
import { generatePopulation } from '../../../mocks/population/index.ts';
import { call, lookupPath, personaIdentite, TODAY } from './helpers.ts';

// The figures of mocks/population/README.md, over HTTP, at every agency.
let agencies: RunningAgencies;

beforeAll(async () => {
  agencies = await startAgencies({ population: generatePopulation({ seed: 42, size: 200, today: TODAY }) });
});
afterAll(() => agencies.close());

async function dossier(agency: AgencyName, login: string): Promise<any> {
  const answer = await call(agencies.urls[agency], lookupPath(personaIdentite(login)), { apiKey: agencies.apiKeys[agency] });
  if (answer.status !== 200) throw new Error(`${login} at ${agency}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json.data;
}

async function status(agency: AgencyName, login: string): Promise<number> {
  return (await call(agencies.urls[agency], lookupPath(personaIdentite(login)), { apiKey: agencies.apiKeys[agency] })).status;
}

async function messages(agency: AgencyName, id: string): Promise<any[]> {
  return (await call(agencies.urls[agency], `/v1/dossiers/${id}/messages`, { apiKey: agencies.apiKeys[agency] })).json.data;
}

const RG = 'Régime général (CNAV)';
const AA = 'Retraite complémentaire Agirc-Arrco';

describe('camille.martin: employee, 15-year career, CPF, C2P from night work, unknown to the CAF and France Travail', () => {
  it('has a CPF balance of 3 350 € and 40 unused C2P points', async () => {
    const cpf = await dossier('cpf', 'camille.martin');
    expect(cpf.id).toBe('CPF-0000001');
    expect(cpf.peu_qualifie).toBe(false);
    expect(cpf.compte).toEqual({
      solde_euros: 3350,
      plafond_euros: 5000,
      alimentation_annuelle_euros: 500,
      date_derniere_alimentation: '2026-04-15',
    });
    expect(cpf.mouvements).toHaveLength(12);
    expect(cpf.mouvements[0]).toEqual({
      id: 'MVT-0000001-12',
      date: '2026-04-15',
      type: 'ALIMENTATION',
      montant_euros: 500,
      libelle: 'Alimentation annuelle 2025',
    });
    expect(cpf.mouvements[4]).toEqual({
      id: 'MVT-0000001-8',
      date: '2022-09-12',
      type: 'INSCRIPTION',
      montant_euros: -2150,
      libelle: 'Inscription : Diplôme universitaire — soins palliatifs et accompagnement',
    });
    expect(cpf.c2p.points_acquis).toBe(40);
    expect(cpf.c2p.points_consommes).toBe(0);
    expect(cpf.c2p.points_disponibles).toBe(40);
    expect(cpf.c2p.expositions).toEqual(
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((annee) => ({ annee, facteur: 'TRAVAIL_DE_NUIT', points: 4 })),
    );
    expect(cpf.cec).toBeNull();
    expect(cpf.inscriptions).toEqual([
      {
        id: 'INS-0000001-1',
        numero_formation: '19691774400019_DU-SOINS-PALLIATIFS',
        intitule_formation: 'Diplôme universitaire — soins palliatifs et accompagnement',
        session_id: '19691774400019_DU-SOINS-PALLIATIFS-202210',
        date_inscription: '2022-09-12',
        date_debut_session: '2022-10-03',
        montant_euros: 2150,
        statut: 'VALIDEE',
      },
    ]);
  });

  it('has régime général and Agirc-Arrco periods since 2011: 57 quarters, no estimation yet', async () => {
    const rgcu = await dossier('rgcu', 'camille.martin');
    expect(rgcu.id).toBe('RGCU-0000001');
    expect(rgcu.trimestres).toEqual({ valides: 57, requis: 172 });
    expect(rgcu.age_legal).toEqual({ annees: 64, mois: 0 });
    expect(rgcu.date_age_legal).toBe('2050-03-14');
    expect(rgcu.estimation).toBeNull();
    expect(rgcu.periodes).toHaveLength(32);
    expect(rgcu.periodes.slice(0, 2)).toEqual([
      { regime: 'REGIME_GENERAL', libelle_regime: RG, nature: 'EMPLOI', employeur: 'Clinique du Parc Lyon', date_debut: '2011-09-01', date_fin: '2011-12-31', trimestres_valides: 1, revenus_annuels_euros: 8022 },
      { regime: 'AGIRC_ARRCO', libelle_regime: AA, nature: 'EMPLOI', employeur: 'Clinique du Parc Lyon', date_debut: '2011-09-01', date_fin: '2011-12-31', trimestres_valides: 0, revenus_annuels_euros: 8022 },
    ]);
    expect(rgcu.periodes.slice(-4)).toEqual([
      { regime: 'REGIME_GENERAL', libelle_regime: RG, nature: 'EMPLOI', employeur: 'Médipôle Lyon-Villeurbanne', date_debut: '2025-01-01', date_fin: '2025-12-31', trimestres_valides: 4, revenus_annuels_euros: 33312 },
      { regime: 'AGIRC_ARRCO', libelle_regime: AA, nature: 'EMPLOI', employeur: 'Médipôle Lyon-Villeurbanne', date_debut: '2025-01-01', date_fin: '2025-12-31', trimestres_valides: 0, revenus_annuels_euros: 33312 },
      { regime: 'REGIME_GENERAL', libelle_regime: RG, nature: 'EMPLOI', employeur: 'Médipôle Lyon-Villeurbanne', date_debut: '2026-01-01', date_fin: null, trimestres_valides: 0, revenus_annuels_euros: null },
      { regime: 'AGIRC_ARRCO', libelle_regime: AA, nature: 'EMPLOI', employeur: 'Médipôle Lyon-Villeurbanne', date_debut: '2026-01-01', date_fin: null, trimestres_valides: 0, revenus_annuels_euros: null },
    ]);
  });

  it('is unknown to the CAF and to France Travail', async () => {
    expect(await status('caf', 'camille.martin')).toBe(404);
    expect(await status('france-travail', 'camille.martin')).toBe(404);
  });

  it('has one message at the CPF and one at the CNAV', async () => {
    expect(await messages('cpf', 'CPF-0000001')).toEqual([
      {
        id: 'CPF-0000001-MSG-1',
        date_envoi: '2026-03-02T08:30:00.000Z',
        expediteur: 'AGENCE',
        objet: 'Vos points de prévention 2025 sont crédités',
        corps: 'Votre employeur a déclaré votre exposition au travail de nuit en 2025 : 4 points ont été ajoutés à votre compte professionnel de prévention.',
        lu: false,
      },
    ]);
    expect((await messages('rgcu', 'RGCU-0000001')).map((m) => [m.id, m.date_envoi, m.lu])).toEqual([
      ['RGCU-0000001-MSG-1', '2026-05-12T09:00:00.000Z', true],
    ]);
  });
});

describe('karim.benali: job seeker with ARE, two children, family allowances', () => {
  it('is registered in category A with 343 days of ARE left and his October update to do', async () => {
    expect(await dossier('france-travail', 'karim.benali')).toEqual({
      identifiant: 'FT-0000001',
      inscription: {
        date_debut: '2026-03-02',
        date_fin: null,
        categorie: { code: 'A', libelle: 'Sans emploi, tenu de faire des actes positifs de recherche d’emploi' },
      },
      indemnisation: {
        allocation: 'ARE',
        montant_journalier_brut_euros: 41.2,
        date_ouverture_droits: '2026-03-10',
        date_fin_droits: '2027-09-08',
        jours_restants: 343,
      },
      paiements: [
        ['2026-10-03', 1236],
        ['2026-09-03', 1277.2],
        ['2026-08-03', 1277.2],
        ['2026-07-03', 1236],
        ['2026-06-03', 1277.2],
        ['2026-05-03', 1236],
        ['2026-04-03', 906.4],
      ].map(([date_versement, montant]) => ({
        date_versement,
        montant_total: montant,
        montant_allocation: montant,
        montant_aide: 0,
        montant_autre_aide: 0,
      })),
      actualisation: { periode: '2026-10', date_ouverture: '2026-10-28', date_limite: '2026-11-15', statut: 'A_FAIRE', declaration: null },
    });
  });

  it('receives 151.05 € of family allowances for two children, quotient familial 620', async () => {
    const caf = await dossier('caf', 'karim.benali');
    expect(caf.numero_allocataire).toBe('CAF-0000001');
    expect(caf.quotient_familial).toEqual({ fournisseur: 'CNAF', valeur: 620, annee: 2026, mois: 11 });
    expect(caf.allocataires).toEqual([
      { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Karim', date_naissance: '1983-09-02', sexe: 'M' },
      { nom_naissance: 'HADDAD', nom_usage: 'BENALI', prenoms: 'Nadia', date_naissance: '1985-04-18', sexe: 'F' },
    ]);
    expect(caf.enfants).toEqual([
      { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Inès', date_naissance: '2015-06-10', sexe: 'F' },
      { nom_naissance: 'BENALI', nom_usage: null, prenoms: 'Yanis', date_naissance: '2018-11-23', sexe: 'M' },
    ]);
    expect(caf.adresse).toEqual({
      destinataire: 'MONSIEUR KARIM BENALI',
      complement_information: null,
      complement_information_geographique: 'BATIMENT B',
      numero_libelle_voie: '12 RUE DE LA REPUBLIQUE',
      lieu_dit: null,
      code_postal_ville: '13002 MARSEILLE',
      pays: 'FRANCE',
    });
    expect(caf.prestations).toEqual([
      { code: 'AF', libelle: 'Allocations familiales', montant_mensuel_euros: 151.05, date_debut_droit: '2018-12-01', date_fin_droit: null },
    ]);
    expect(caf.paiements).toHaveLength(12);
    expect(caf.paiements[0]).toEqual({ id: 'PAI-0000001-202610-AF', date_versement: '2026-11-05', prestation: 'AF', montant_euros: 151.05 });
    expect(caf.paiements[11]).toEqual({ id: 'PAI-0000001-202511-AF', date_versement: '2025-12-05', prestation: 'AF', montant_euros: 151.05 });
  });

  it('has 4 200 € on his CPF and 83 quarters, unemployment included', async () => {
    const cpf = await dossier('cpf', 'karim.benali');
    expect(cpf.id).toBe('CPF-0000002');
    expect(cpf.compte).toEqual({ solde_euros: 4200, plafond_euros: 5000, alimentation_annuelle_euros: 500, date_derniere_alimentation: '2026-04-15' });
    expect(cpf.c2p).toBeNull();
    expect(cpf.inscriptions.map((i: any) => [i.numero_formation, i.montant_euros, i.statut])).toEqual([['32921478500027_CACES-R489', 1300, 'VALIDEE']]);
    const rgcu = await dossier('rgcu', 'karim.benali');
    expect(rgcu.id).toBe('RGCU-0000002');
    expect(rgcu.trimestres).toEqual({ valides: 83, requis: 172 });
    expect(rgcu.periodes).toHaveLength(46);
    expect(rgcu.periodes.slice(-2)).toEqual([
      { regime: 'REGIME_GENERAL', libelle_regime: RG, nature: 'CHOMAGE', employeur: null, date_debut: '2026-01-01', date_fin: null, trimestres_valides: 0, revenus_annuels_euros: null },
      { regime: 'AGIRC_ARRCO', libelle_regime: AA, nature: 'EMPLOI', employeur: 'Entrepôts du Port de Marseille', date_debut: '2026-01-01', date_fin: '2026-02-27', trimestres_valides: 0, revenus_annuels_euros: null },
    ]);
    expect((await messages('france-travail', 'FT-0000001')).map((m) => [m.id, m.date_envoi, m.lu])).toEqual([
      ['FT-0000001-MSG-1', '2026-10-28T06:00:00.000Z', false],
      ['FT-0000001-MSG-2', '2026-03-12T10:00:00.000Z', true],
    ]);
  });
});

describe('sophie.lefevre: born 1963, régime général then MSA, near retirement', () => {
  it('can leave at the full rate at 64 years 1 month with 1 509.06 € a month', async () => {
    const rgcu = await dossier('rgcu', 'sophie.lefevre');
    expect(rgcu.id).toBe('RGCU-0000003');
    expect(rgcu.trimestres).toEqual({ valides: 164, requis: 170 });
    expect(rgcu.age_legal).toEqual({ annees: 62, mois: 9 });
    expect(rgcu.date_age_legal).toBe('2026-03-21');
    expect(rgcu.estimation).toEqual({
      age_depart_annees: 64,
      age_depart_mois: 1,
      date_depart: '2027-08-01',
      montant_mensuel_brut_euros: 1509.06,
      taux_plein: true,
      trimestres_au_depart: 170,
      trimestres_decote: 0,
      trimestres_surcote: 0,
    });
    expect(new Set(rgcu.periodes.map((p: any) => p.regime))).toEqual(new Set(['REGIME_GENERAL', 'MSA_SALARIES', 'AGIRC_ARRCO']));
    expect(rgcu.periodes).toHaveLength(86);
    expect(rgcu.periodes[0]).toEqual({
      regime: 'REGIME_GENERAL', libelle_regime: RG, nature: 'EMPLOI', employeur: 'Filature Lepoutre',
      date_debut: '1984-09-03', date_fin: '1984-12-31', trimestres_valides: 1, revenus_annuels_euros: 4590,
    });
  });

  it('has 44 C2P points from alternating shifts and 4 810 € on her CPF', async () => {
    const cpf = await dossier('cpf', 'sophie.lefevre');
    expect(cpf.id).toBe('CPF-0000003');
    expect(cpf.compte.solde_euros).toBe(4810);
    expect(cpf.c2p.points_acquis).toBe(44);
    expect(cpf.c2p.points_disponibles).toBe(44);
    expect(cpf.c2p.expositions[0]).toEqual({ annee: 2015, facteur: 'TRAVAIL_EN_EQUIPES_ALTERNANTES', points: 4 });
    expect(await status('caf', 'sophie.lefevre')).toBe(404);
    expect(await status('france-travail', 'sophie.lefevre')).toBe(404);
  });
});

describe('lucas.petit: 22, no diploma, civic service, low earnings, eligible to the prime d’activité but unknown to the CAF', () => {
  it('is credited at the low-qualified rate and has 240 € of CEC', async () => {
    const cpf = await dossier('cpf', 'lucas.petit');
    expect(cpf.id).toBe('CPF-0000004');
    expect(cpf.peu_qualifie).toBe(true);
    expect(cpf.compte).toEqual({ solde_euros: 2400, plafond_euros: 8000, alimentation_annuelle_euros: 800, date_derniere_alimentation: '2026-04-15' });
    expect(cpf.mouvements.map((m: any) => [m.date, m.montant_euros])).toEqual([
      ['2026-04-15', 800],
      ['2025-04-15', 800],
      ['2024-04-15', 800],
    ]);
    expect(cpf.cec).toEqual({
      solde_euros: 240,
      plafond_euros: 720,
      engagements: [{ annee: 2022, organisme: 'Service civique — Unis-Cité', montant_euros: 240 }],
    });
    expect(cpf.c2p).toBeNull();
  });

  it('earns about 1 000 € a month, well under the prime d’activité threshold', async () => {
    const rgcu = await dossier('rgcu', 'lucas.petit');
    expect(rgcu.trimestres).toEqual({ valides: 13, requis: 172 });
    const regimeGeneral = rgcu.periodes.filter((p: any) => p.regime === 'REGIME_GENERAL');
    expect(regimeGeneral.map((p: any) => [p.nature, p.date_debut, p.trimestres_valides, p.revenus_annuels_euros])).toEqual([
      ['SERVICE_CIVIQUE', '2022-01-10', 2, null],
      ['EMPLOI', '2023-03-01', 3, 10060],
      ['EMPLOI', '2024-01-01', 4, 12240],
      ['EMPLOI', '2025-01-01', 4, 12485],
      ['EMPLOI', '2026-01-01', 0, null],
    ]);
    expect(await status('caf', 'lucas.petit')).toBe(404);
    expect(await status('france-travail', 'lucas.petit')).toBe(404);
  });
});

describe('aicha.diallo: single mother working part time, RSA majoré and ASF', () => {
  it('receives RSA majoré and ASF every month', async () => {
    const caf = await dossier('caf', 'aicha.diallo');
    expect(caf.numero_allocataire).toBe('CAF-0000002');
    expect(caf.quotient_familial).toEqual({ fournisseur: 'CNAF', valeur: 412, annee: 2026, mois: 11 });
    expect(caf.allocataires).toEqual([{ nom_naissance: 'DIALLO', nom_usage: null, prenoms: 'Aïcha', date_naissance: '1991-11-05', sexe: 'F' }]);
    expect(caf.enfants).toEqual([{ nom_naissance: 'DIALLO', nom_usage: null, prenoms: 'Mariama', date_naissance: '2024-08-12', sexe: 'F' }]);
    expect(caf.prestations).toEqual([
      { code: 'RSA_MAJORE', libelle: 'Revenu de solidarité active majoré', montant_mensuel_euros: 612.4, date_debut_droit: '2024-09-01', date_fin_droit: '2027-08-31' },
      { code: 'ASF', libelle: 'Allocation de soutien familial', montant_mensuel_euros: 199.19, date_debut_droit: '2024-09-01', date_fin_droit: null },
    ]);
    expect(caf.paiements).toHaveLength(24);
    expect(caf.paiements.slice(0, 2)).toEqual([
      { id: 'PAI-0000002-202610-RSA_MAJORE', date_versement: '2026-11-05', prestation: 'RSA_MAJORE', montant_euros: 612.4 },
      { id: 'PAI-0000002-202610-ASF', date_versement: '2026-11-05', prestation: 'ASF', montant_euros: 199.19 },
    ]);
    expect((await messages('caf', 'CAF-0000002')).map((m) => [m.objet, m.lu])).toEqual([
      ['Déclaration trimestrielle de ressources à faire', false],
      ['Votre allocation de soutien familial', true],
    ]);
  });

  it('is born abroad (no commune) and known to the CPF and the CNAV, not to France Travail', async () => {
    expect(personaIdentite('aicha.diallo').codeCogInseeCommuneNaissance).toBeUndefined();
    expect((await dossier('cpf', 'aicha.diallo')).compte.solde_euros).toBe(3150);
    expect((await dossier('rgcu', 'aicha.diallo')).trimestres).toEqual({ valides: 39, requis: 172 });
    expect(await status('france-travail', 'aicha.diallo')).toBe(404);
  });
});

describe('jean.dupont: new entrant', () => {
  it.each(['cpf', 'rgcu', 'caf', 'france-travail'] as const)('is unknown to %s (404 NOT_FOUND)', async (agency) => {
    const answer = await call(agencies.urls[agency], lookupPath(personaIdentite('jean.dupont')), { apiKey: agencies.apiKeys[agency] });
    expect(answer.status).toBe(404);
    expect(answer.json.errors[0].code).toBe('NOT_FOUND');
  });
});
