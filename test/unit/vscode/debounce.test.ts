import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer, Generations, type Timers } from '../../../src/vscode/debounce';

/** A manual clock: timers fire only when the test advances time. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = ++nextId;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      due.delete(h as number);
    },
  };
  function advance(ms: number) {
    now += ms;
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && due.has(id)) {
        due.delete(id);
        t.fn();
      }
    }
  }
  return { timers, advance, pending: () => due.size };
}

test('only the last callback per key runs, after the quiet period', () => {
  const clock = manualTimers();
  const d = new Debouncer<string>(300, clock.timers);
  const runs: string[] = [];
  d.schedule('a', () => runs.push('a1'));
  clock.advance(200);
  d.schedule('a', () => runs.push('a2'));
  d.schedule('b', () => runs.push('b1'));
  clock.advance(200);
  assert.deepEqual(runs, []);
  clock.advance(100);
  assert.deepEqual(runs, ['a2', 'b1']);
  assert.equal(d.isPending('a'), false);
});

test('cancel, flush and dispose', () => {
  const clock = manualTimers();
  const d = new Debouncer<string>(300, clock.timers);
  const runs: string[] = [];
  d.schedule('a', () => runs.push('a'));
  d.cancel('a');
  assert.equal(d.flush('a'), false);
  d.schedule('b', () => runs.push('b'));
  assert.equal(d.flush('b'), true);
  assert.deepEqual(runs, ['b']);
  d.schedule('c', () => runs.push('c'));
  d.dispose();
  clock.advance(1000);
  assert.deepEqual(runs, ['b']);
  assert.equal(clock.pending(), 0);
});

test('generations: a newer request or a forgotten key makes older results stale', () => {
  const g = new Generations<string>();
  const first = g.next('doc');
  const second = g.next('doc');
  assert.equal(g.isCurrent('doc', first), false);
  assert.equal(g.isCurrent('doc', second), true);
  g.delete('doc');
  assert.equal(g.isCurrent('doc', second), false);
  const third = g.next('doc');
  assert.notEqual(third, first);
  assert.equal(g.isCurrent('doc', first), false);
});
