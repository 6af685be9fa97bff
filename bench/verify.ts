// Cost of fix verification: analysis with verified fixes (analyzeDocument) against one plain analysis
// (analyzeOnce) over every corpus file × the six machines and for the generated 5,000-line file, with
// how many fixes were verified and refused. Printed, not asserted.
// Run alone: node --import tsx bench/verify.ts [--json]
import { performance } from 'node:perf_hooks';
import { analyzeDocument, analyzeOnce } from '../src/core/analyze';
import { reader } from '../test/unit/rules/helpers';
import { corpusFiles, MACHINES } from '../test/unit/resolve/machines';
import { generatedRequirements } from './parse';

export interface VerifyBench {
  corpus: { pairs: number; plainMs: number; verifiedMs: number; ratio: number; fixesVerified: number; fixesRefused: number };
  generated5000: { plainMs: number; verifiedMs: number; fixes: number };
}

export async function benchVerify(): Promise<VerifyBench> {
  const files = corpusFiles();
  const machines = Object.values(MACHINES);
  const r = reader();
  for (const f of files.slice(0, 10)) analyzeDocument(f.as, f.text, machines[0], { reader: r });
  let plain = 0;
  let verifiedMs = 0;
  let ok = 0;
  let refused = 0;
  for (const f of files) {
    for (const m of machines) {
      let t0 = performance.now();
      analyzeOnce(f.as, f.text, m, { reader: r });
      plain += performance.now() - t0;
      t0 = performance.now();
      const { findings } = analyzeDocument(f.as, f.text, m, { reader: r });
      verifiedMs += performance.now() - t0;
      for (const x of findings) for (const fx of x.fixes) {
        if (fx.verified) ok++;
        else refused++;
      }
    }
  }
  const text = generatedRequirements(5000);
  let t0 = performance.now();
  analyzeOnce('/bench/requirements.txt', text, machines[2], { reader: r });
  const gPlain = performance.now() - t0;
  t0 = performance.now();
  const g = analyzeDocument('/bench/requirements.txt', text, machines[2], { reader: r });
  const gVerified = performance.now() - t0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    corpus: { pairs: files.length * machines.length, plainMs: round(plain), verifiedMs: round(verifiedMs), ratio: round(verifiedMs / plain), fixesVerified: ok, fixesRefused: refused },
    generated5000: { plainMs: round(gPlain), verifiedMs: round(gVerified), fixes: g.findings.reduce((n, x) => n + x.fixes.length, 0) },
  };
}

if (require.main === module) {
  void benchVerify().then((r) => console.log(process.argv.includes('--json') ? JSON.stringify(r) : JSON.stringify(r, null, 2)));
}
