import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Machine } from '../../../src/core/machine';
import { MachineFlagError, machineFromFlags, type MachineFlags } from '../../../src/core/machineProfile';
import { parseTargetSetting } from '../../../src/core/targetProfile';

test('unset or empty target means no profile', () => {
  assert.deepEqual(parseTargetSetting(null), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting(undefined), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting({}), { flags: null, problems: [] });
  assert.deepEqual(parseTargetSetting({ driver: '' }), { flags: null, problems: [] });
});

test('a full profile maps computeCapability to the computeCap flag', () => {
  const r = parseTargetSetting({ driver: '470.82.01', gpu: 'NVIDIA GeForce GTX 1080', computeCapability: '6.1', platform: 'linux', python: '3.10' });
  assert.deepEqual(r.flags, { driver: '470.82.01', gpu: 'NVIDIA GeForce GTX 1080', computeCap: '6.1', platform: 'linux', python: '3.10' });
  assert.deepEqual(r.problems, []);
});

test('invalid entries are dropped and named', () => {
  const r = parseTargetSetting({ driver: 'latest', computeCapability: 8.9, platform: 'beos', python: ' 3.11 ', colour: 'red' });
  assert.deepEqual(r.flags, { python: '3.11' });
  assert.equal(r.problems.length, 4);
  assert.ok(r.problems.some((p) => p.includes('platform')));
  assert.ok(r.problems.some((p) => p.includes('colour')));
  assert.deepEqual(parseTargetSetting('rtx 4090').flags, null);
  assert.equal(parseTargetSetting([1]).problems.length, 1);
});

test('"platform": "windows" in the setting means win32, as --platform windows does', () => {
  const r = parseTargetSetting({ platform: 'windows', driver: '551.78', gpu: 'NVIDIA GeForce RTX 4090' });
  assert.deepEqual(r.problems, []);
  assert.equal(r.flags?.platform, 'win32');
  assert.deepEqual(machineFromFlags(r.flags ?? {}), machineFromFlags({ platform: 'windows', driver: '551.78', gpu: 'NVIDIA GeForce RTX 4090' }));
  assert.equal(parseTargetSetting({ platform: 'macOS' }).flags?.platform, 'darwin');
});

// The setting and the CLI flags judge every value alike: accepted by both (same machine) or by neither.
const CANDIDATES: Record<string, string[]> = {
  driver: ['550', '550.54', '550.54.14', '551.78', ' 470.82.01 ', '550.', 'v550.54', 'latest', '1.2.3.4.5', '٥٥٠.٥٤'],
  gpu: ['NVIDIA GeForce RTX 4090', '  ', 'Tesla T4'],
  computeCapability: ['8.9', '8', '12.0', 'sm_89', '8.9.1'],
  platform: ['linux', 'Linux', 'win32', 'windows', 'win', 'Windows', 'darwin', 'macos', 'mac', 'osx', 'beos', 'win64'],
  python: ['3.11', '3.11.9', '3', 'three', '3.11.9.1', ' 3.12 '],
};
const FLAG: Record<string, keyof MachineFlags> = { driver: 'driver', gpu: 'gpu', computeCapability: 'computeCap', platform: 'platform', python: 'python' };

test('the setting and the CLI flags accept and reject the same values', () => {
  for (const [key, values] of Object.entries(CANDIDATES)) {
    for (const v of values) {
      const setting = parseTargetSetting({ [key]: v });
      let cli: Machine | null = null;
      try {
        cli = machineFromFlags({ [FLAG[key]]: v });
      } catch (e) {
        assert.ok(e instanceof MachineFlagError);
      }
      const accepted = setting.problems.length === 0;
      assert.equal(accepted, cli !== null, `${key} ${JSON.stringify(v)}: setting ${accepted ? 'accepts' : 'rejects'}, CLI ${cli ? 'accepts' : 'rejects'}`);
      if (cli) assert.deepEqual(machineFromFlags(setting.flags ?? {}), cli, `${key} ${JSON.stringify(v)}`);
    }
  }
  assert.throws(() => machineFromFlags({ driver: '550' }), /at least major\.minor/);
});
