import { entryOn, type Parameter } from './parameters.ts';

/**
 * How a simulator reached its result, in plain French, so that any interface shows the same
 * reasons: what it started from, each rule applied with its value and legal source, and the
 * result in one sentence.
 */
export interface Explanation {
  summary: string;
  inputs: ExplanationItem[];
  rules: AppliedRule[];
}

export interface ExplanationItem {
  label: string;
  value: string;
}

export interface AppliedRule {
  /** What the rule says, in French. */
  rule: string;
  /** Its value as applied, in French (`500 €`, `10 points`). */
  value: string;
  /** First day of the value applied (YYYY-MM-DD). */
  since: string;
  /** The legal text that sets it. */
  reference: string;
}

/** A rule applied from the parameter entry in force on `date`: its wording and value come from that entry. */
export function applied<T>(parameter: Parameter<T>, date: string, describe: (value: T) => { rule: string; value: string }): AppliedRule {
  const entry = entryOn(parameter, date);
  return { ...describe(entry.value), since: entry.from, reference: entry.reference };
}
