/**
 * The mutation score over every report in reports/mutation/ (one per part of a run taken
 * in pieces, stryker.config.mjs), and each surviving mutant, to kill or to name as
 * equivalent in docs/mutation-survivors.md.
 *
 *   npm run test:mutation:score            the score per part and in all
 *   npm run test:mutation:score -- --list  and every survivor, by file and line
 */
import fs from 'node:fs';
import path from 'node:path';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const DIR = path.resolve(import.meta.dirname, '../../reports/mutation');
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const reports = fs.existsSync(DIR)
  ? fs.readdirSync(DIR).filter((name) => name.endsWith('.json'))
  : [];
if (reports.length === 0) {
  console.error('No report in reports/mutation/: run npm run test:mutation first.');
  process.exit(1);
}

const score = (found: number, missed: number) =>
  found + missed === 0 ? 'n/a' : `${((100 * found) / (found + missed)).toFixed(1)} %`;

let found = 0;
let missed = 0;
const survivors: string[] = [];
for (const name of reports.sort()) {
  const report = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Report;
  let partFound = 0;
  let partMissed = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if (detected.has(mutant.status)) partFound += 1;
      if (!undetected.has(mutant.status)) continue;
      partMissed += 1;
      const { line, column } = mutant.location.start;
      const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
      survivors.push(
        `${path.relative(process.cwd(), path.resolve(file))}:${line}:${column} ${mutant.status} ${mutant.mutatorName}: ${replacement}`,
      );
    }
  }
  console.log(
    `${name.replace(/\.json$/, '')}: ${score(partFound, partMissed)} (${partFound} detected, ${partMissed} not)`,
  );
  found += partFound;
  missed += partMissed;
}
console.log(`in all: ${score(found, missed)} (${found} detected, ${missed} not)`);
if (process.argv.includes('--list')) console.log(`\n${survivors.join('\n')}`);
