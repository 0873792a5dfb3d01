import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One line of the fault matrix: a dependency, what went wrong with it, and what the platform did. */
export interface MatrixRow {
  dependency: string;
  fault: string;
  /** What the citizen got: the sections that still arrived and the error codes. */
  outcome: string;
  /** Time of the first answer under the fault, in ms. */
  firstAnswerMs: number | null;
  /** What a later answer under the fault did (circuit open: at once). */
  afterRepeats: string;
  /** Time from clearing the fault to a full, correct answer again, in ms. */
  recoveryMs: number | null;
}

export const REPORT_PATH = fileURLToPath(new URL('../../test-artifacts/fault-matrix.md', import.meta.url));

const cell = (value: string | number | null) => (value === null ? '—' : String(value));

export function matrixTable(rows: readonly MatrixRow[]): string {
  const header = '| dependency | fault | outcome | first answer (ms) | repeated | recovered after (ms) |\n|---|---|---|---:|---|---:|';
  const lines = rows.map(
    (r) => `| ${r.dependency} | ${r.fault} | ${r.outcome} | ${cell(r.firstAnswerMs)} | ${r.afterRepeats} | ${cell(r.recoveryMs)} |`,
  );
  return [header, ...lines].join('\n');
}

/** Writes the report (gitignored) and prints it after the test output. */
export async function writeMatrix(title: string, rows: readonly MatrixRow[]): Promise<void> {
  const table = matrixTable(rows);
  await mkdir(fileURLToPath(new URL('../../test-artifacts/', import.meta.url)), { recursive: true });
  await writeFile(REPORT_PATH, `# ${title}\n\n${table}\n`);
  process.stdout.write(`\n${title} (${REPORT_PATH})\n\n${table}\n\n`);
}
