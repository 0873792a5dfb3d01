/** France Travail's allowances by code, as a citizen reads their names. */
const ALLOWANCE_LABELS: Readonly<Record<string, string>> = {
  ARE: 'Allocation d’aide au retour à l’emploi (ARE)',
  AREF: 'Allocation d’aide au retour à l’emploi formation (AREF)',
  ASS: 'Allocation de solidarité spécifique (ASS)',
};

/** The allowance's name; an unknown code is shown as « allocation <code> ». */
export function allowanceLabel(code: string): string {
  return ALLOWANCE_LABELS[code] ?? `Allocation ${code}`;
}
