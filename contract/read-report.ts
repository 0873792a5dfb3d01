/**
 * What a subgraph read about whom for a third party, handed back to the gateway in the
 * response's `extensions.reads`, so the access journal names exactly what was read, not what
 * was asked: person id → fields (sections).
 */
export type ReadReport = Array<{ person: string; sections: string[] }>;

export const READS_EXTENSION = 'reads';
