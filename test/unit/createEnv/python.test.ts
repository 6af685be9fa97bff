import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowsPython, choosePython, condaPythonSpecToPep440, toMinor } from '../../../src/core/createEnv/python';

test('newest Python inside the torch range', () => {
  const c = choosePython({ torchRange: { min: '3.9', max: '3.13' }, requiresPython: null, envPythonSpec: null, pythonVersionFile: null });
  assert.equal(c.python, '3.13');
  assert.deepEqual(c.candidates, ['3.13', '3.12', '3.11', '3.10', '3.9']);
});

test('requires-python narrows it', () => {
  const c = choosePython({ torchRange: { min: '3.9', max: '3.13' }, requiresPython: '>=3.9,<3.12', envPythonSpec: null, pythonVersionFile: null });
  assert.equal(c.python, '3.11');
  assert.equal(choosePython({ torchRange: null, requiresPython: '~=3.10.0', envPythonSpec: null, pythonVersionFile: null }).python, '3.10');
});

test('.python-version wins when acceptable, is ignored when torch cannot use it', () => {
  assert.equal(choosePython({ torchRange: { min: '3.9', max: '3.13' }, requiresPython: null, envPythonSpec: null, pythonVersionFile: '3.11.9' }).python, '3.11');
  assert.equal(choosePython({ torchRange: { min: '3.9', max: '3.12' }, requiresPython: null, envPythonSpec: null, pythonVersionFile: '3.13' }).python, '3.12');
});

test('conflicting constraints: no candidates, reason "conflict"', () => {
  const c = choosePython({ torchRange: { min: '3.8', max: '3.10' }, requiresPython: '>=3.12', envPythonSpec: null, pythonVersionFile: null });
  assert.deepEqual(c.candidates, []);
  assert.equal(c.reason, 'conflict');
});

test('conda python specs as PEP 440', () => {
  assert.equal(condaPythonSpecToPep440('3.10'), '==3.10.*');
  assert.equal(condaPythonSpecToPep440('3.10.12'), '==3.10.12');
  assert.equal(condaPythonSpecToPep440('>=3.8, < 3.10  # comment'), '>=3.8,<3.10');
  assert.equal(condaPythonSpecToPep440('*'), null);
  assert.equal(allowsPython('>=3.8,<3.10', '3.9'), true);
  assert.equal(allowsPython('>=3.8,<3.10', '3.10'), false);
  assert.equal(allowsPython('>3.11', '3.11'), true, '3.11.1 qualifies');
  assert.equal(toMinor('3.11.9\n'), '3.11');
  assert.equal(toMinor('pypy3.10'), null);
  const c = choosePython({ torchRange: null, requiresPython: null, envPythonSpec: '>=3.8, < 3.10', pythonVersionFile: null });
  assert.equal(c.python, '3.9');
});
