// Full analysis time (parse + resolve + rules, as the editor runs it on a change) over every corpus
// file against the six-machine matrix, and for the generated 5,000-line requirements file from the
// parse bench. Printed, not asserted: the 5,000-line figure is compared with one frame (16 ms).
// Run alone: node --import tsx bench/analysis.ts [--json]
import { performance } from 'node:perf_hooks';
import { analyzeDocument } from '../src/core/analyze';
import { reader } from '../test/unit/rules/helpers';
import { corpusFiles, MACHINES } from '../test/unit/resolve/machines';
import { generatedRequirements } from './parse';

export interface AnalysisBench {
  corpus: { files: number; machines: number; totalMs: number; meanMsPerFile: number; maxMsPerFile: number };
  generated5000: { lines: number; medianMs: number; withinOneFrame: boolean };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchAnalysis(): Promise<AnalysisBench> {
  const files = corpusFiles();
  const machines = Object.values(MACHINES);
  const r = reader();
  // warm-up (module init, JIT)
  for (const f of files.slice(0, 10)) analyzeDocument(f.as, f.text, machines[0], { reader: r });
  let total = 0;
  let max = 0;
  for (const f of files) {
    for (const m of machines) {
      const t0 = performance.now();
      analyzeDocument(f.as, f.text, m, { reader: r });
      const dt = performance.now() - t0;
      total += dt;
      max = Math.max(max, dt);
    }
  }
  const text = generatedRequirements(5000);
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    analyzeDocument('/bench/requirements.txt', text, machines[2], { reader: r });
    runs.push(performance.now() - t0);
  }
  const med = median(runs);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    corpus: { files: files.length, machines: machines.length, totalMs: round(total), meanMsPerFile: round(total / (files.length * machines.length)), maxMsPerFile: round(max) },
    generated5000: { lines: 5000, medianMs: round(med), withinOneFrame: med <= 16 },
  };
}

if (require.main === module) {
  void benchAnalysis().then((r) => console.log(process.argv.includes('--json') ? JSON.stringify(r) : JSON.stringify(r, null, 2)));
}
