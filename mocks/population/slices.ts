import type { CpfDossier } from './dossiers/cpf.ts';
import type { Pivot } from '../../contract/pivot.ts';
import { personaIdentities } from './personas.ts';
import type { AgencyName, AgencyRecord, AgencySlice, CpfSlice, DossierOf, Population } from './types.ts';

/** What one agency server is given: only its own dossiers. */
export function agencySlice(population: Population, agency: 'cpf'): CpfSlice;
export function agencySlice<A extends Exclude<AgencyName, 'cpf'>>(population: Population, agency: A): AgencySlice<DossierOf<A>>;
export function agencySlice(population: Population, agency: AgencyName): AgencySlice<unknown> | CpfSlice {
  const records: AgencyRecord<unknown>[] = [];
  for (const person of population.persons) {
    const dossier = person.dossiers[agency];
    if (dossier !== null) records.push({ pivot: person.pivot, dossier, messages: person.messages[agency] });
  }
  if (agency === 'cpf') {
    return { today: population.today, records: records as AgencyRecord<CpfDossier>[], catalogue: population.catalogue };
  }
  return { today: population.today, records };
}

/** A demo persona's identity pivot, by login. */
export function personaPivot(login: string): Pivot {
  const persona = personaIdentities.find((identity) => identity.login === login);
  if (persona === undefined) {
    throw new RangeError(`no demo persona "${login}"; logins: ${personaIdentities.map((p) => p.login).join(', ')}`);
  }
  return persona.pivot;
}

/** Pivots of the generated people (personas excluded), in population order: what benchmarks log in with. */
export function generatedPivots(population: Population): Pivot[] {
  return population.persons.filter((person) => person.login === null).map((person) => person.pivot);
}

/** Pivots of everyone an agency knows, personas included. */
export function pivotsKnownTo(population: Population, agency: AgencyName): Pivot[] {
  return population.persons.filter((person) => person.dossiers[agency] !== null).map((person) => person.pivot);
}
