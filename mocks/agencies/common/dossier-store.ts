import { identiteFromPivot, type Identite } from '../../../contract/identite.ts';
import { identiteKey } from '../../population/identite.ts';
import type { Pivot } from '../../../contract/pivot.ts';
import type { AgencyRecord } from '../../population/types.ts';

/** Two records under one identity: the agency cannot tell which person is asking. */
const AMBIGUOUS = Symbol('ambiguous');

/**
 * One agency's dossiers, indexed at start by normalised identity and by dossier id, so a
 * lookup is a map access. The population is shared and never written: a dossier this instance
 * changes (an enrolment, an actualisation) is copied first and the copy is served from then on.
 */
export class DossierStore<D> {
  readonly #byKey = new Map<string, AgencyRecord<D> | typeof AMBIGUOUS>();
  readonly #byId = new Map<string, AgencyRecord<D>>();
  readonly #changed = new Map<string, D>();
  readonly #idOf: (dossier: D) => string;

  constructor(records: readonly AgencyRecord<D>[], idOf: (dossier: D) => string) {
    this.#idOf = idOf;
    for (const record of records) {
      const key = identiteKey(identiteFromPivot(record.pivot));
      this.#byKey.set(key, this.#byKey.has(key) ? AMBIGUOUS : record);
      this.#byId.set(idOf(record.dossier), record);
    }
  }

  /** The dossier filed under exactly this identity; undefined for none or several. */
  find(identite: Identite): D | undefined {
    const record = this.#byKey.get(identiteKey(identite));
    return record === undefined || record === AMBIGUOUS ? undefined : this.#current(record);
  }

  get(id: string): D | undefined {
    const record = this.#byId.get(id);
    return record === undefined ? undefined : this.#current(record);
  }

  /** The identity a dossier is filed under. */
  pivotOf(id: string): Pivot | undefined {
    return this.#byId.get(id)?.pivot;
  }

  /** Changes a dossier in this instance only; the caller has checked it exists. */
  update(id: string, change: (dossier: D) => void): D {
    let dossier = this.#changed.get(id);
    if (dossier === undefined) {
      const record = this.#byId.get(id);
      if (record === undefined) throw new RangeError(`no dossier ${id} to update`);
      dossier = structuredClone(record.dossier);
      this.#changed.set(id, dossier);
    }
    change(dossier);
    return dossier;
  }

  #current(record: AgencyRecord<D>): D {
    return this.#changed.get(this.#idOf(record.dossier)) ?? record.dossier;
  }
}
