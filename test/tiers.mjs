// The slow tier of the unit tests (`npm run test:slow`): the files below. Every other test file under test/
// (see scripts/test/build.mjs) is the fast tier (`npm run test:unit`). `npm test` and CI run both.
// Moving a file between tiers is one line here; test/unit/package/testTiers.test.ts checks each entry.
// The runner writes each file's test time to out/tests/times-<tier>.json, slowest first.
export const SLOW = [
  'test/unit/package/vsix.test.ts', // builds the extension and packs the VSIX with vsce
  'test/unit/requirements/pip-conformance.test.ts', // pip's own parser (python3) over the corpus
  'test/unit/requirements/pip-differential.test.ts', // pip against ours on random lines
  'test/unit/requirements/pip-edge-cases.test.ts', // pip against ours on hand-written cases
  'test/unit/gpu/robustness.test.ts', // every line-prefix of every nvidia-smi corpus output
  'test/unit/requirements/fuzz.test.ts', // fuzzing, a 50 MB file, 100,000-character lines
];
