// Conformance against pip itself: scripts/pip_parse.py runs pip's own requirements-file parser
// (req_file.parse_requirements + req/constructors) over every corpus file; our `parse --json` model
// must agree on every requirement of every file pip accepts, and every file pip rejects must get
// at least one error diagnostic. The agreement figure is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../src/cli/parse';
import { nodeFileReader } from '../../../src/system/fileReader';
import { compareFile, corpusFiles, noPip, ours, runPip } from './pipHelper';

test('agrees with pip on every corpus requirements file', { skip: noPip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 60, `corpus has ${files.length} files`);
  const pip = runPip(files);
  assert.ok(pip, 'scripts/pip_parse.py failed');
  let compared = 0;
  let agreeing = 0;
  let reqs = 0;
  let reqsAgreeing = 0;
  let rejected = 0;
  const failures: string[] = [];
  for (const p of pip) {
    const text = nodeFileReader.read(p.file);
    assert.ok(text !== null);
    const out = parseFile(p.file, text, nodeFileReader, { env: {}, unpinned: false });
    if (!p.ok) {
      rejected++;
      if (!out.diagnostics.some((d) => d.severity === 'error'))
        failures.push(`${p.file}: pip rejects it (${p.error}) but we report no error`);
      continue;
    }
    compared++;
    const mine = out.requirements.map(ours);
    const diffs = compareFile(mine, p.requirements);
    reqs += p.requirements.length;
    reqsAgreeing += p.requirements.filter((r, i) => mine[i] && compareFile([mine[i]], [r]).length === 0).length;
    if (diffs.length === 0) agreeing++;
    else failures.push(`${p.file}:\n    ${diffs.slice(0, 10).join('\n    ')}`);
  }
  console.log(
    `pip conformance: ${agreeing}/${compared} files agree (${reqsAgreeing}/${reqs} requirements); ` +
      `${rejected} file(s) pip rejects, each with an error diagnostic: ${failures.every((f) => !f.includes('we report no error'))}`,
  );
  assert.deepEqual(failures, []);
});
