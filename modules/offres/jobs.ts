/** A job of the ROME directory and its open offers: a small fixed slice, enough to show the joins. */
export interface JobRecord {
  id: string;
  title: string;
  openings: number;
  offers: ReadonlyArray<{ id: string; employer: string; city: string; contract: 'CDI' | 'CDD' | 'INTERIM'; monthlyGrossSalary: number }>;
}

const JOBS: readonly JobRecord[] = [
  {
    id: 'N1103',
    title: 'Magasinier cariste ou magasinière cariste',
    openings: 4210,
    offers: [
      { id: 'OF-N1103-1', employer: 'Entrepôts du Rhône', city: 'Vénissieux', contract: 'CDI', monthlyGrossSalary: 215_000 },
      { id: 'OF-N1103-2', employer: 'Logistique Atlantique', city: 'Nantes', contract: 'INTERIM', monthlyGrossSalary: 190_000 },
    ],
  },
  {
    id: 'J1501',
    title: 'Aide-soignant ou aide-soignante',
    openings: 3875,
    offers: [
      { id: 'OF-J1501-1', employer: 'Centre hospitalier de Lens', city: 'Lens', contract: 'CDI', monthlyGrossSalary: 210_000 },
      { id: 'OF-J1501-2', employer: 'EHPAD Les Tilleuls', city: 'Tours', contract: 'CDD', monthlyGrossSalary: 198_000 },
    ],
  },
  {
    id: 'M1805',
    title: 'Développeur ou développeuse web',
    openings: 1960,
    offers: [{ id: 'OF-M1805-1', employer: 'Numérique Occitanie', city: 'Toulouse', contract: 'CDI', monthlyGrossSalary: 320_000 }],
  },
  {
    id: 'M1607',
    title: 'Secrétaire médical ou médicale',
    openings: 1240,
    offers: [{ id: 'OF-M1607-1', employer: 'Cabinet médical du Parc', city: 'Lille', contract: 'CDD', monthlyGrossSalary: 185_000 }],
  },
  {
    id: 'K2111',
    title: 'Formateur ou formatrice pour adultes',
    openings: 640,
    offers: [{ id: 'OF-K2111-1', employer: 'Afpa Grand Est', city: 'Metz', contract: 'CDD', monthlyGrossSalary: 240_000 }],
  },
];

const MAX_JOBS = 3;
/** Categories of job seekers looking for work now (France Travail's A, B and C). */
const LOOKING_NOW = new Set(['A', 'B', 'C']);

/** The job of this ROME code, offers best paid first; null when the directory has none. */
export function jobOf(id: string): JobRecord | null {
  const job = JOBS.find((j) => j.id === id);
  return job ? { ...job, offers: [...job.offers].sort((a, b) => b.monthlyGrossSalary - a.monthlyGrossSalary) } : null;
}

/** The jobs with the most openings for a job seeker looking now; none for anyone else. Pure. */
export function jobsFor(category: string | null): JobRecord[] {
  if (category === null || !LOOKING_NOW.has(category)) return [];
  return [...JOBS]
    .sort((a, b) => b.openings - a.openings)
    .slice(0, MAX_JOBS)
    .map((job) => jobOf(job.id) as JobRecord);
}
