import type { ReadReport } from '../../contract/read-report.ts';

/**
 * What one subgraph request read about whom: person id → fields (sections). Recorded where
 * a field's scopes are checked, and handed back to the gateway in the response's
 * `extensions.reads`, so the access journal names exactly what was read, not what was asked.
 */
export class ReadLog {
  readonly #reads = new Map<string, Set<string>>();

  record(personId: string, section: string): void {
    let sections = this.#reads.get(personId);
    if (!sections) this.#reads.set(personId, (sections = new Set()));
    sections.add(section);
  }

  get size(): number {
    return this.#reads.size;
  }

  toJSON(): ReadReport {
    return [...this.#reads].map(([person, sections]) => ({ person, sections: [...sections].sort() }));
  }
}
