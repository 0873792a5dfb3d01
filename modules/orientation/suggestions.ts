/** What the module receives about a person, through `@requires`, under a pseudonym. */
export interface CareerInput {
  retirement: { careerPeriods: ReadonlyArray<{ kind: string; employer: string | null; startDate: string; endDate: string | null }> } | null;
  training: { cpf: { balance: number } } | null;
}

interface Profession {
  romeCode: string;
  title: string;
  /** Typical cost of the training towards it, in cents. */
  trainingCost: number;
  /** Why it fits, or null when it does not. */
  fits: (career: CareerSummary) => string | null;
}

interface CareerSummary {
  yearsWorked: number;
  employers: number;
  unemployedBefore: boolean;
}

/** A small slice of France Travail's ROME directory: enough to show the idea, not a real orientation service. */
const PROFESSIONS: readonly Profession[] = [
  {
    romeCode: 'K2111',
    title: 'Formateur ou formatrice pour adultes',
    trainingCost: 300_000,
    fits: (c) => (c.yearsWorked >= 10 ? `${c.yearsWorked} years of experience to pass on` : null),
  },
  {
    romeCode: 'J1501',
    title: 'Aide-soignant ou aide-soignante',
    trainingCost: 380_000,
    fits: (c) => (c.unemployedBefore ? 'a sector that hires, with a paid training path' : null),
  },
  {
    romeCode: 'M1607',
    title: 'Secrétaire médical ou médicale',
    trainingCost: 250_000,
    fits: (c) => (c.employers >= 2 ? 'experience of several workplaces' : null),
  },
  {
    romeCode: 'N1103',
    title: 'Magasinier cariste ou magasinière cariste',
    trainingCost: 120_000,
    fits: () => 'a short training, open to every career',
  },
  {
    romeCode: 'M1805',
    title: 'Développeur ou développeuse web',
    trainingCost: 600_000,
    fits: (c) => (c.yearsWorked < 10 ? 'a career change early in working life' : null),
  },
];

const DAY_MS = 86_400_000;
const MAX_SUGGESTIONS = 3;

/** Days covered by at least one period: several schemes record the same job (basic and supplementary pensions). */
function daysCovered(periods: ReadonlyArray<{ startDate: string; endDate: string | null }>, today: string): number {
  const spans = periods
    .map((p) => [Date.parse(p.startDate), Date.parse(p.endDate ?? today) + DAY_MS] as const)
    .sort((a, b) => a[0] - b[0]);
  let days = 0;
  let coveredUntil = -Infinity;
  for (const [start, end] of spans) {
    const from = Math.max(start, coveredUntil);
    if (end > from) days += (end - from) / DAY_MS;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return days;
}

/** Suggestions from the career and CPF balance; null when the career is unknown. Pure: same input, same answer. */
export function suggestCareers(input: CareerInput, today: string) {
  if (!input.retirement) return null;
  const periods = input.retirement.careerPeriods;
  const employment = periods.filter((p) => p.kind === 'EMPLOYMENT');
  const summary: CareerSummary = {
    yearsWorked: Math.floor(daysCovered(employment, today) / 365.25),
    employers: new Set(employment.map((p) => p.employer).filter((e): e is string => e !== null)).size,
    unemployedBefore: periods.some((p) => p.kind === 'UNEMPLOYMENT'),
  };
  const balance = input.training?.cpf.balance ?? 0;
  const suggestions = PROFESSIONS.flatMap((profession) => {
    const reason = profession.fits(summary);
    return reason === null
      ? []
      : [
          {
            romeCode: profession.romeCode,
            title: profession.title,
            reason,
            trainingCost: profession.trainingCost,
            fundedByCpf: balance >= profession.trainingCost,
            // A reference by its ROME code: the gateway asks the module that owns Job (offres) for the rest.
            job: { id: profession.romeCode },
          },
        ];
  })
    // Funded first, then the cheapest.
    .sort((a, b) => Number(b.fundedByCpf) - Number(a.fundedByCpf) || a.trainingCost - b.trainingCost)
    .slice(0, MAX_SUGGESTIONS);
  return { yearsWorked: summary.yearsWorked, employers: summary.employers, cpfBalance: balance, suggestions };
}
