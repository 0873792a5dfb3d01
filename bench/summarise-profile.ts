// Where a `--cpu-prof` profile spent its time (`npm run bench -- --profile` writes them):
//   npx tsx bench/summarise-profile.ts bench/profiles/CPU.….cpuprofile [top=25] [skip=0 s of start-up]
// Self time by function and by package, so the costly parts show without a browser.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg, skipArg] = process.argv.slice(2);
if (!path) throw new Error('usage: summarise-profile.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const skipMs = Number(skipArg ?? 0) * 1000;
const selfMs = new Map<number, number>();
let elapsedMs = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  elapsedMs += ms;
  if (elapsedMs >= skipMs) selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const packageOf = (url: string) => {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node';
  if (url === '') return '(native/gc/idle)';
  return url.replace(/^file:\/\/.*?\/(?=(gateway|common|subgraphs|mocks|bench|platform|schemas)\/)/, '');
};
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  add(byFunction, `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`, ms);
  add(byPackage, url.includes('node_modules') || url.startsWith('node:') || url === '' ? packageOf(url) : '(this repository)', ms);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${path}: ${total.toFixed(0)} ms sampled`);
print('self time by package', byPackage);
print('self time by function', byFunction);
