// Every corpus file × the six machines: apply every verified preferred fix (as `check --fix` does, in a
// few passes, on an in-memory copy), analyse again, and require that no new error appeared, that no
// error left still has a verified fix (fix-all settled), that no companion contradicts torch, and that
// no fix rewrote a stated constraint (requires-python, a python= pin, a ranged or unpinned torch-family
// dependency in pyproject.toml). Prints how many fixes were applied, verified and refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/analyze';
import type { Finding } from '../../../src/core/finding';
import { applyEdits } from '../../../src/core/fixes/apply';
import { fixable, planFixAll } from '../../../src/core/fixes/plan';
import type { FileReader } from '../../../src/core/requirements/types';
import { reader } from '../rules/helpers';
import { corpusFiles, MACHINES } from '../resolve/machines';

/** The constraints a project states, as written: requires-python, python= pins, pyproject torch ranges. */
function constraints(text: string, kind: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/requires-python\s*=\s*["'][^"']*["']/g)) out.push(m[0]);
  if (kind === 'environment') for (const m of text.matchAll(/^\s*-\s*python\s*[=<>~!][^\s#]*/gm)) out.push(m[0].trim());
  if (kind === 'pyproject') {
    // a ranged or unpinned torch-family dependency: never turned into a pin
    for (const m of text.matchAll(/["'](?:torch|torchvision|torchaudio)(?:\s*(?:>=|<=|~=|!=|<|>)[^"']*)?["']/g)) out.push(m[0]);
  }
  return out;
}

function key(f: Finding, doc: string): string {
  return `${f.code}\0${f.file ?? doc}`;
}

test('corpus × machines: verified preferred fixes leave no new error, settle, keep constraints and companions', () => {
  const files = corpusFiles();
  let applied = 0;
  let verified = 0;
  let refused = 0;
  let remainingErrors = 0;
  const problems: string[] = [];
  for (const f of files) {
    for (const [name, m] of Object.entries(MACHINES)) {
      const overlay = new Map<string, string>([[f.as, f.text]]);
      const base = reader();
      const r: FileReader = { read: (p) => overlay.get(p) ?? base.read(p), resolve: base.resolve };
      const analyse = (): Finding[] => analyzeDocument(f.as, overlay.get(f.as)!, m, { reader: r }).findings;
      let findings = analyse();
      const before = findings;
      for (const x of before) {
        for (const fx of x.fixes) {
          if (fx.verified) verified++;
          else refused++;
        }
      }
      for (let pass = 0; pass < 4; pass++) {
        const plan = planFixAll(fixable(findings), f.as);
        if (!plan.edits.length) break;
        applied += plan.applied.length;
        const byFile = new Map<string, { span: { start: number; end: number }; newText: string }[]>();
        for (const e of plan.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
        for (const [file, edits] of byFile) {
          const text = overlay.get(file) ?? base.read(file);
          if (text !== null) overlay.set(file, applyEdits(text, edits));
        }
        findings = analyse();
      }
      const where = `${f.file.split('corpus/')[1]} on ${name}`;
      const errorsBefore = new Map<string, number>();
      for (const x of before) if (x.severity === 'error') errorsBefore.set(key(x, f.as), (errorsBefore.get(key(x, f.as)) ?? 0) + 1);
      const errorsAfter = new Map<string, number>();
      for (const x of findings) {
        if (x.severity !== 'error') continue;
        remainingErrors++;
        errorsAfter.set(key(x, f.as), (errorsAfter.get(key(x, f.as)) ?? 0) + 1);
        if (fixable([x]).length && x.fixes.some((fx) => fx.preferred && fx.verified)) problems.push(`${where}: ${x.code} still has a verified fix after fix-all`);
      }
      for (const [k, n] of errorsAfter) if (n > (errorsBefore.get(k) ?? 0)) problems.push(`${where}: new error ${k.replace('\0', ' in ')}`);
      if (findings.some((x) => x.code === 'torch-companion-mismatch') && overlay.get(f.as) !== f.text) problems.push(`${where}: a companion contradicts torch after the fixes`);
      const after = overlay.get(f.as)!;
      for (const c of constraints(f.text, f.kind)) if (!after.includes(c)) problems.push(`${where}: constraint ${c} rewritten`);
    }
  }
  console.log(`fixes over ${files.length} corpus files × ${Object.keys(MACHINES).length} machines: ${applied} applied, ${verified} verified, ${refused} refused (unverified); ${remainingErrors} errors left without a verified fix`);
  assert.deepEqual(problems.slice(0, 20), []);
});
