import { createHash } from 'node:crypto';
import {
  AGENCY_NAMES,
  generatePopulation,
  generatedPivots,
  personaIdentities,
  personaPivot,
  pivotKey,
  pivotsKnownTo,
  type Population,
} from '../../mocks/population/index.ts';
import { longDate } from '../../contract/french.ts';
import { addDays, addMonths, ageOn, fromDay, toDay } from '../../mocks/population/dates.ts';
import { Random } from '../../mocks/population/random.ts';

const TODAY = '2026-11-10';

function digest(population: Population): string {
  return createHash('sha256').update(JSON.stringify(population)).digest('hex');
}

describe('determinism', () => {
  it('gives a byte-identical population for the same seed, size and today', () => {
    const a = generatePopulation({ seed: 42, size: 1000, today: TODAY });
    const b = generatePopulation({ seed: 42, size: 1000, today: TODAY });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('changes with the seed and with today', () => {
    const reference = digest(generatePopulation({ seed: 42, size: 500, today: TODAY }));
    expect(digest(generatePopulation({ seed: 43, size: 500, today: TODAY }))).not.toBe(reference);
    expect(digest(generatePopulation({ seed: 42, size: 500, today: '2026-12-10' }))).not.toBe(reference);
  });

  it('keeps person i the same whatever the size', () => {
    const small = generatePopulation({ seed: 9, size: 50, today: TODAY });
    const large = generatePopulation({ seed: 9, size: 400, today: TODAY });
    expect(large.persons.slice(0, small.persons.length).map((p) => p.pivot)).toEqual(small.persons.map((p) => p.pivot));
  });

  it('never uses Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random called during generation');
    };
    try {
      expect(() => generatePopulation({ seed: 1, size: 200, today: TODAY })).not.toThrow();
    } finally {
      Math.random = original;
    }
  });

  it('refuses bad options with a message', () => {
    expect(() => generatePopulation({ today: '2026-02-30' })).toThrow('today must be a date as YYYY-MM-DD (received "2026-02-30")');
    expect(() => generatePopulation({ size: -1, today: TODAY })).toThrow('size must be an integer from 0 to 1000000 (received -1)');
  });
});

describe('a population of 10,000', () => {
  let population: Population;

  beforeAll(() => {
    population = generatePopulation({ seed: 1, size: 10_000, today: TODAY });
  });

  /** Checks every person and lists who breaks the rule: one assertion, readable failures. */
  function violations(rule: (person: Population['persons'][number]) => string | null): string[] {
    return population.persons.flatMap((person) => {
      const problem = rule(person);
      return problem === null ? [] : [`${person.ref}: ${problem}`];
    });
  }

  // Generation time is measured by mocks/population/bench-generate.ts, not asserted here:
  // a timed assertion fails on a busy machine without saying anything about the code.
  it('holds the personas and 10,000 generated people', () => {
    expect(population.persons).toHaveLength(10_000 + personaIdentities.length);
  });

  it('starts with the personas, under their pivots exactly', () => {
    expect(population.persons.slice(0, personaIdentities.length).map((p) => [p.login, p.pivot])).toEqual(
      personaIdentities.map((persona) => [persona.login, persona.pivot]),
    );
    expect(personaPivot('karim.benali')).toBe(personaIdentities[1]!.pivot);
    expect(() => personaPivot('nobody')).toThrow('no demo persona "nobody"');
  });

  it('gives every person a distinct identity', () => {
    expect(new Set(population.persons.map((p) => pivotKey(p.pivot))).size).toBe(population.persons.length);
    expect(generatedPivots(population)).toHaveLength(10_000);
  });

  it('has French-looking identities, some born abroad without a commune', () => {
    const abroad = population.persons.filter((p) => p.pivot.birthcountry !== '99100').length / population.persons.length;
    expect(abroad).toBeGreaterThan(0.05);
    expect(abroad).toBeLessThan(0.15);
    expect(
      violations(({ pivot }) => {
        if (!/^99\d{3}$/.test(pivot.birthcountry)) return `country ${pivot.birthcountry}`;
        if (pivot.birthcountry === '99100' && !/^(\d{5}|2[AB]\d{3})$/.test(pivot.birthplace)) return `commune ${pivot.birthplace}`;
        if (pivot.birthcountry !== '99100' && pivot.birthplace !== '') return 'a commune for someone born abroad';
        if (pivot.family_name !== pivot.family_name.toUpperCase()) return `family name ${pivot.family_name}`;
        return /^\p{Lu}/u.test(pivot.given_name) ? null : `first names ${pivot.given_name}`;
      }),
    ).toEqual([]);
  });

  it('leaves many people unknown to some agencies, and minors unknown to all', () => {
    for (const agency of AGENCY_NAMES) {
      const known = pivotsKnownTo(population, agency).length;
      expect(known).toBeGreaterThan(500);
      expect(known).toBeLessThan(population.persons.length * 0.8);
    }
    const minors = population.persons.filter((p) => ageOn(p.pivot.birthdate, TODAY).years < 16);
    expect(minors.length).toBeGreaterThan(1000);
    expect(minors.filter((minor) => Object.values(minor.dossiers).some((dossier) => dossier !== null))).toEqual([]);
  });

  it('numbers each agency’s dossiers in order, without gaps', () => {
    const ids = population.persons.map((p) => p.dossiers.cpf?.id).filter((id) => id !== undefined);
    expect(ids.slice(0, 3)).toEqual(['CPF-0000001', 'CPF-0000002', 'CPF-0000003']);
    expect(ids.at(-1)).toBe(`CPF-${String(ids.length).padStart(7, '0')}`);
  });

  it('pays France Travail allowances only to registered job seekers, with an update only while registered', () => {
    const registered = population.persons.filter((p) => p.dossiers['france-travail']?.inscription?.date_fin === null);
    expect(registered.length).toBeGreaterThan(200);
    expect(registered.filter((p) => p.dossiers['france-travail']!.indemnisation !== null).length).toBeGreaterThan(100);
    expect(
      violations(({ dossiers }) => {
        const ft = dossiers['france-travail'];
        if (ft === null) return null;
        const isRegistered = ft.inscription !== null && ft.inscription.date_fin === null;
        if (ft.indemnisation !== null && !isRegistered) return 'allowance without registration';
        if (ft.indemnisation !== null && ft.indemnisation.jours_restants < 0) return 'negative remaining days';
        if (ft.actualisation !== null && !isRegistered) return 'update without registration';
        if (ft.paiements.some((p, i, all) => i > 0 && all[i - 1]!.date_versement <= p.date_versement)) return 'payments not newest first';
        return ft.paiements.some((p) => p.montant_total !== p.montant_allocation + p.montant_aide + p.montant_autre_aide) ? 'total' : null;
      }),
    ).toEqual([]);
  });

  it('grants family allowances from two children under 20, RSA majoré and ASF to single parents', () => {
    const withAf = population.persons.filter((p) => p.dossiers.caf?.prestations.some((b) => b.code === 'AF'));
    expect(withAf.length).toBeGreaterThan(100);
    expect(
      violations(({ dossiers }) => {
        const caf = dossiers.caf;
        if (caf === null) return null;
        const codes = caf.prestations.map((p) => p.code);
        const children = caf.enfants.filter((child) => ageOn(child.date_naissance, TODAY).years < 20);
        if (codes.includes('AF') && children.length < 2) return 'AF with fewer than two children';
        if ((codes.includes('RSA_MAJORE') || codes.includes('ASF')) && (caf.allocataires.length !== 1 || children.length === 0)) {
          return 'RSA majoré or ASF without being a single parent';
        }
        if (codes.includes('RSA_MAJORE') && !children.some((c) => ageOn(c.date_naissance, TODAY).years < 3)) return 'RSA majoré without a child under 3';
        return caf.paiements.some((p) => p.date_versement > TODAY || p.date_versement <= addMonths(TODAY, -12)) ? 'payment outside the last 12 months' : null;
      }),
    ).toEqual([]);
  });

  it('keeps CPF balances within their cap, at the low-qualified rate when it applies', () => {
    expect(population.persons.filter((p) => p.dossiers.cpf?.peu_qualifie).length).toBeGreaterThan(100);
    expect(population.persons.filter((p) => p.dossiers.cpf?.c2p).length).toBeGreaterThan(50);
    expect(population.persons.filter((p) => p.dossiers.cpf?.cec).length).toBeGreaterThan(20);
    expect(
      violations(({ dossiers }) => {
        const cpf = dossiers.cpf;
        if (cpf === null) return null;
        const { solde_euros, plafond_euros, alimentation_annuelle_euros } = cpf.compte;
        if (solde_euros < 0 || solde_euros > plafond_euros) return `balance ${solde_euros} over ${plafond_euros}`;
        if (alimentation_annuelle_euros !== (cpf.peu_qualifie ? 800 : 500) || plafond_euros !== (cpf.peu_qualifie ? 8000 : 5000)) return 'rates';
        const sum = cpf.mouvements.reduce((total, m) => total + m.montant_euros, 0);
        if (Math.round(sum * 100) / 100 !== solde_euros) return `movements add up to ${sum}, not ${solde_euros}`;
        if (cpf.c2p !== null && cpf.c2p.points_acquis !== cpf.c2p.expositions.reduce((total, e) => total + e.points, 0)) return 'C2P points';
        if (cpf.c2p !== null && cpf.c2p.points_disponibles !== cpf.c2p.points_acquis - cpf.c2p.points_consommes) return 'C2P available';
        return cpf.cec !== null && cpf.cec.solde_euros > 720 ? 'CEC over its cap' : null;
      }),
    ).toEqual([]);
  });

  it('shows a pension estimation from 55 for people still working, and none for retirees', () => {
    expect(population.persons.filter((p) => p.dossiers.rgcu?.estimation).length).toBeGreaterThan(500);
    expect(
      violations(({ pivot, dossiers }) => {
        const rgcu = dossiers.rgcu;
        if (rgcu === null) return null;
        const age = ageOn(pivot.birthdate, TODAY).years;
        if (rgcu.estimation !== null && age < 55) return 'estimation before 55';
        if (rgcu.estimation !== null && age >= 68) return 'estimation for a retiree';
        if (rgcu.estimation !== null && (rgcu.estimation.date_depart <= TODAY || rgcu.estimation.montant_mensuel_brut_euros <= 0)) return 'estimation';
        const quarters = rgcu.periodes.filter((p) => p.regime !== 'AGIRC_ARRCO').reduce((total, p) => total + p.trimestres_valides, 0);
        return quarters === rgcu.trimestres.valides ? null : `quarters ${quarters} ≠ ${rgcu.trimestres.valides}`;
      }),
    ).toEqual([]);
  });
});

describe('dates and random numbers', () => {
  it('converts days and dates like Date does', () => {
    const wrong: number[] = [];
    for (let day = -40_000; day < 40_000; day += 3) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDay(day) !== iso || toDay(iso) !== day) wrong.push(day);
    }
    expect(wrong).toEqual([]);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(ageOn('1963-06-21', '2026-06-20')).toEqual({ years: 62, months: 11 });
  });

  it('draws the same numbers from the same seed', () => {
    const a = new Random(123);
    const b = new Random(123);
    const draws = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(draws);
    expect(new Random(124).uint32()).not.toBe(draws[0]);
  });
});

describe('the personas’ stories follow the current date', () => {
  // The demo runs on any day: the personas' recent events, procedures and messages move with it.
  const DAYS = ['2026-11-10', '2026-12-03', '2027-06-28', '2028-02-29', '2031-01-15'];
  const lastDayOfMonth = (date: string) => addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);

  it.each(DAYS)('on %s, no persona has a message from the future, nor about a deadline gone', (today) => {
    const personas = generatePopulation({ seed: 1, size: 0, today }).persons;
    for (const persona of personas) {
      for (const message of Object.values(persona.messages).flat()) expect(message.date_envoi.slice(0, 10) <= today).toBe(true);
    }
    const karim = personas.find((p) => p.login === 'karim.benali')!;
    const update = karim.dossiers['france-travail']!.actualisation!;
    expect(update.statut).toBe('A_FAIRE');
    expect(update.date_ouverture <= today && today <= update.date_limite).toBe(true);
    const [opened] = karim.messages['france-travail'];
    expect(opened!.date_envoi.slice(0, 10)).toBe(update.date_ouverture);
    expect(opened!.corps).toContain(`avant le ${longDate(update.date_limite)}`);
    const aicha = personas.find((p) => p.login === 'aicha.diallo')!;
    const [resources] = aicha.messages.caf;
    expect(resources!.corps).toContain(`avant le ${longDate(lastDayOfMonth(today))}`);
  });

  it.each(DAYS)('on %s, karim.benali is still a job seeker paid the ARE, aicha.diallo still a single parent with RSA majoré', (today) => {
    const personas = generatePopulation({ seed: 1, size: 0, today }).persons;
    const franceTravail = personas.find((p) => p.login === 'karim.benali')!.dossiers['france-travail']!;
    expect(franceTravail.inscription).toMatchObject({ date_fin: null, categorie: { code: 'A' } });
    expect(franceTravail.indemnisation!.date_fin_droits > today).toBe(true);
    expect(franceTravail.indemnisation!.jours_restants).toBeGreaterThan(300);
    const caf = personas.find((p) => p.login === 'aicha.diallo')!.dossiers.caf!;
    const rsa = caf.prestations.find((benefit) => benefit.code === 'RSA_MAJORE')!;
    expect(rsa.date_debut_droit <= today && today <= rsa.date_fin_droit!).toBe(true);
    expect(ageOn(caf.enfants[0]!.date_naissance, today).years).toBeLessThan(3);
  });
});
