/**
 * Every legal rule the platform computes with, as dated and sourced parameters, in the
 * manner of OpenFisca's parameters: a rule changes by adding a dated value here, not code.
 */

export interface ParameterValue<T> {
  /** First day the value applies, YYYY-MM-DD. */
  from: string;
  value: T;
  /** The legal text that sets it. */
  reference: string;
}

/** Values of one parameter, oldest first. */
export type Parameter<T> = readonly ParameterValue<T>[];

/** The value in force on a date (YYYY-MM-DD), or throws when the date precedes every value. */
export function valueOn<T>(parameter: Parameter<T>, date: string): T {
  let current: ParameterValue<T> | undefined;
  for (const entry of parameter) if (entry.from <= date) current = entry;
  if (!current) throw new RangeError(`no parameter value in force on ${date}`);
  return current.value;
}

/** C2P points reserved for training, by the holder's birth year. */
export interface C2pReserve {
  bornBefore1960: number;
  born1960To1962: number;
  bornFrom1963: number;
}

export const parameters = {
  c2p: {
    reservedForTraining: [
      {
        from: '2015-01-01',
        value: { bornBefore1960: 0, born1960To1962: 10, bornFrom1963: 20 },
        reference: 'Code du travail, art. R4163-11',
      },
    ] satisfies Parameter<C2pReserve>,
  },
} as const;

/** Points of a C2P holder born in `birthYear` that can only go to training. */
export function c2pReserveFor(birthYear: number, date: string): number {
  const reserve = valueOn(parameters.c2p.reservedForTraining, date);
  if (birthYear < 1960) return reserve.bornBefore1960;
  if (birthYear <= 1962) return reserve.born1960To1962;
  return reserve.bornFrom1963;
}
