import { readFileSync } from 'node:fs';

/** A job of the ROME directory and its open offers. */
export interface JobRecord {
  id: string;
  title: string;
  openings: number;
  offers: ReadonlyArray<{ id: string; employer: string; city: string; contract: 'CDI' | 'CDD' | 'INTERIM'; monthlyGrossSalary: number }>;
}

/** A small fixed slice of the directory (jobs.json, amounts in cents), enough to show the joins. */
const JOBS: readonly JobRecord[] = (JSON.parse(readFileSync(new URL('./jobs.json', import.meta.url), 'utf8')) as { jobs: JobRecord[] }).jobs;

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
