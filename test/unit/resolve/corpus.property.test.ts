// Every corpus file × the machine matrix: resolving never throws, and every environment-rule finding
// about a torch build names a package of the outcome, by its name or by the build variant the outcome
// chose for it ("cu124 wheels … need driver ≥ …" must be about a cu124 build the installer would take),
// or by sitting on that package's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, modelOf } from '../../../src/core/analyze';
import { forMachine } from '../../../src/core/rules/model';
import { judgedMachine, resolveProject } from '../../../src/core/resolve/index';
import { reader } from '../rules/helpers';
import { corpusFiles, MACHINES } from './machines';

// Findings about what gets installed (not about index hygiene or the conda file's shape).
const PACKAGE_CODES = new Set(['driver-too-old', 'gpu-arch-unsupported', 'cpu-only-torch', 'driver-below-toolkit',
  'torch-variant-unavailable', 'torch-variant-mismatch', 'torch-family-version-mismatch', 'python-unsupported',
  'torch-version-unknown', 'torch-local-version-without-index']);

test('corpus × machines: resolve never throws; every package finding names a package of the outcome', () => {
  const files = corpusFiles();
  assert.ok(files.length > 80, `corpus files: ${files.length}`);
  let resolved = 0;
  let judged = 0;
  const problems: string[] = [];
  for (const f of files) {
    const parsed = modelOf(f.as, f.text, { reader: reader() }, f.kind).model;
    for (const [name, m] of Object.entries(MACHINES)) {
      const machine = judgedMachine(f.as, m).machine;
      const outcome = resolveProject(forMachine(parsed, machine), machine);
      resolved++;
      assert.ok(outcome.environments.length >= 1);
      const names = new Set(outcome.environments.flatMap((e) => e.packages.map((p) => p.name)));
      const sites = outcome.environments.flatMap((e) => e.packages.flatMap((p) => (p.site ? [p.site] : [])));
      const variants = new Set(outcome.environments.flatMap((e) => e.packages.flatMap((p) => (p.chosen ? [p.chosen.variant] : p.candidates.map((c) => c.variant)))).filter((v): v is string => !!v));
      // pixi's system-requirements speak of CUDA, not of a package
      const findings = analyzeDocument(f.as, f.text, m, { reader: reader() }).findings
        .filter((x) => PACKAGE_CODES.has(x.code) && !/^pixi requires CUDA/.test(x.message));
      for (const x of findings) {
        judged++;
        const named = [...names].some((n) => new RegExp(`\\b${n.replace(/[-]/g, '[-_]?')}\\b`, 'i').test(x.message))
          || (names.has('pytorch') && /\btorch\b/.test(x.message))
          || sites.some((site) => (site.file ?? '') === (x.file ?? '') && x.span.start >= site.span.start && x.span.end <= site.span.end)
          || [...variants].some((v) => x.message.includes(`${v} wheels`) || x.message.includes(`+${v}`) || x.message.includes(`runs ${v}`));
        if (!named) problems.push(`${f.file.split('corpus/')[1]} on ${name}: ${x.code} "${x.message}" — outcome has ${[...names].join(', ') || 'nothing'}`);
      }
    }
  }
  console.log(`resolved ${resolved} file×machine pairs; ${judged} package findings checked`);
  assert.deepEqual(problems.slice(0, 15), []);
});
