import { describe, expect, it } from '@jest/globals';
import { age, count, dateTime, dayAndMonth, elided, euros, inMonth, list, longDate, month, ofMonth, percent, plural, signedEuros } from '../../contract/french.ts';

// The one module that writes French for the API's texts and the web app. Digits are grouped by a
// narrow no-break space (U+202F) and units follow a no-break space (U+00A0), as Intl's fr-FR does.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French formats', () => {
  it('writes amounts from cents: whole euros when there are no cents, always two decimals when exact', () => {
    expect(euros(3_350_00)).toBe(`3${NNBSP}350${NBSP}€`);
    expect(euros(151_05)).toBe(`151,05${NBSP}€`);
    expect(euros(1_450_00, true)).toBe(`1${NNBSP}450,00${NBSP}€`);
    expect(euros(-2_150_00)).toBe(`−2${NNBSP}150${NBSP}€`);
    expect([signedEuros(500_00), signedEuros(-2_150_00)]).toEqual([`+500,00${NBSP}€`, `−2${NNBSP}150,00${NBSP}€`]);
    // The same as the browser's Intl, so a figure reads alike on every screen.
    expect(euros(3_350_00)).toBe(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(3350));
  });

  it('writes the first of the month as an ordinal: « 1er octobre 2026 »', () => {
    expect(longDate('2026-10-01')).toBe('1er octobre 2026');
    expect(longDate('2026-11-15')).toBe('15 novembre 2026');
    expect([dayAndMonth('04-15'), dayAndMonth('2027-05-01')]).toEqual(['15 avril', '1er mai']);
  });

  it('elides « de » before a vowel with the typographic apostrophe', () => {
    expect([ofMonth('2026-10'), ofMonth('2026-08'), ofMonth('2026-11')]).toEqual(['d’octobre 2026', 'd’août 2026', 'de novembre 2026']);
    expect([month('2026-04'), inMonth('2026-04')]).toEqual(['avril 2026', 'en avril 2026']);
    expect([elided('le', 'Assurance retraite'), elided('de', 'France Travail')]).toEqual(['l’Assurance retraite', 'de France Travail']);
  });

  it('writes an instant in the time zone asked, with the long date', () => {
    expect(dateTime('2026-10-28T06:00:00.000Z', 'Europe/Paris')).toBe('28 octobre 2026 à 07:00');
    expect(dateTime('2026-06-30T22:30:00.000Z', 'Europe/Paris')).toBe('1er juillet 2026 à 00:30');
  });

  it('writes ages, counts, plurals, lists and percentages', () => {
    expect([age({ years: 64, months: 1 }), age({ years: 67, months: 0 }), age({ years: 1, months: 0 })]).toEqual(['64 ans et 1 mois', '67 ans', '1 an']);
    expect([count(12.5), count(164), count(12_000)]).toEqual(['12,5', '164', `12${NNBSP}000`]);
    expect([plural(1, 'point'), plural(0, 'point'), plural(2, 'trimestre validé', 'trimestres validés')]).toEqual(['1 point', '0 point', '2 trimestres validés']);
    expect([list(['a']), list(['a', 'b']), list(['a', 'b', 'c'])]).toEqual(['a', 'a et b', 'a, b et c']);
    expect(percent(0.0125)).toBe(`1,25${NBSP}%`);
  });
});
