// Cost of one status-bar refresh, measured with the fake nvidia-smi/python of test/fixtures/bin (so the
// figure is ours, not the driver's): processes spawned per refresh (counted by exec.ts), wall time,
// and the first-paint path (no process). Reported against peers measured in the same run:
//  - "nvidia-smi table": what a naive status item does, run plain `nvidia-smi` and parse its table;
//  - "gpustat-like": one --query-gpu call plus one --query-compute-apps call per refresh.
// Run alone: node --import tsx bench/status.ts [--json]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exec, spawnCounter } from '../src/system/exec';
import { detectGpu, detectMachine, firstPaint } from '../src/system/detect';
import { newProbeState } from '../src/system/nvidiaSmiProbe';
import { newTorchProbeCache } from '../src/system/torchProbe';
import { parseNvidiaSmiOutput } from '../src/core/gpu/nvidiaSmi';

const repoRoot = path.resolve(__dirname, '..');
const bin = path.join(repoRoot, 'test', 'fixtures', 'bin');
const fakeSmi = path.join(bin, 'nvidia-smi');
const fakePython = path.join(bin, 'python');


export interface StatusBench {
  /** Processes one full refresh spawns (nvidia-smi + the env's python; conda only when not activated). */
  processesPerRefresh: number;
  /** Processes of a focus/interval refresh while the env's packages are unchanged (torch probe reused). */
  processesPerCachedRefresh: number;
  cachedRefreshMs: number;
  /** nvidia-smi processes per refresh (target: at most 1). */
  nvidiaSmiPerRefresh: number;
  /** Processes the first paint spawns (target: 0). */
  firstPaintProcesses: number;
  /** Median wall time of one full refresh (GPU + env + torch, in parallel), ms. */
  refreshMs: number;
  /** Median wall time of the GPU part alone, ms. */
  gpuRefreshMs: number;
  firstPaintMs: number;
  runs: number;
  peers: { name: string; processesPerRefresh: number; refreshMs: number }[];
  /** refreshMs(GPU part) / peer "nvidia-smi table" refreshMs, same run. */
  gpuVsTableRatio: number;
  note: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)] * 100) / 100 : 0;
}

type Case = () => Promise<unknown>;

/**
 * Runs every case once per round, in rotating order, so that load on the machine hits all of them
 * alike; returns each case's median time and processes spawned per run (counted by exec.ts).
 */
async function interleaved(rounds: number, cases: Record<string, Case>): Promise<Record<string, { ms: number; processes: number }>> {
  const names = Object.keys(cases);
  const times: Record<string, number[]> = {};
  const spawns: Record<string, number> = {};
  for (const n of names) {
    await cases[n](); // warm-up (module loading, file cache, compute_cap memo)
    times[n] = [];
    spawns[n] = 0;
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      const before = spawnCounter.count;
      const t = performance.now();
      await cases[n]();
      times[n].push(performance.now() - t);
      spawns[n] += spawnCounter.count - before;
    }
  }
  const out: Record<string, { ms: number; processes: number }> = {};
  for (const n of names) out[n] = { ms: median(times[n]), processes: spawns[n] / rounds };
  return out;
}

export async function benchStatusRefresh(runs = 30): Promise<StatusBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aied-bench-'));
  const smiLog = path.join(dir, 'smi.log');
  const driverFile = path.join(dir, 'version');
  writeFileSync(driverFile, '550.54.14\n');
  const env: NodeJS.ProcessEnv = { PATH: [bin, '/usr/bin', '/bin'].join(path.delimiter), HOME: dir, FAKE_NVIDIA_SMI_LOG: smiLog };
  const state = newProbeState();
  const torchCache = newTorchProbeCache();

  let smiCalls = 0;
  const m = await interleaved(runs, {
    firstPaint: () => firstPaint({ platform: 'linux', env, driverVersionFiles: [driverFile] }),
    full: () => detectMachine({ timeoutMs: 10_000, env, pythonPath: fakePython, platform: 'linux', probeState: state }),
    cached: () => detectMachine({ timeoutMs: 10_000, env, pythonPath: fakePython, platform: 'linux', probeState: state, torchCache }),
    gpu: async () => {
      const before = spawnCounter.count;
      await detectGpu({ timeoutMs: 10_000, env, platform: 'linux', probeState: state });
      smiCalls += spawnCounter.count - before;
    },
    table: async () => {
      const r = await exec(fakeSmi, [], { timeoutMs: 10_000, env });
      return parseNvidiaSmiOutput(r.stdout);
    },
    gpustat: () => Promise.all([
      exec(fakeSmi, ['--query-gpu=index,uuid,name,temperature.gpu,utilization.gpu,memory.used,memory.total', '--format=csv,noheader,nounits'], { timeoutMs: 10_000, env }),
      exec(fakeSmi, ['--query-compute-apps=gpu_uuid,pid,used_memory', '--format=csv,noheader,nounits'], { timeoutMs: 10_000, env }),
    ]),
  });
  const fp = m.firstPaint;
  const full = m.full;
  const gpu = m.gpu;
  const table = m.table;
  const gpustat = m.gpustat;
  const nvidiaSmiPerRefresh = smiCalls / (runs + 1);

  return {
    processesPerRefresh: full.processes,
    processesPerCachedRefresh: m.cached.processes,
    cachedRefreshMs: m.cached.ms,
    nvidiaSmiPerRefresh,
    firstPaintProcesses: fp.processes,
    refreshMs: full.ms,
    gpuRefreshMs: gpu.ms,
    firstPaintMs: fp.ms,
    runs,
    peers: [
      { name: 'nvidia-smi table + parse', processesPerRefresh: table.processes, refreshMs: table.ms },
      { name: 'gpustat-like (query-gpu + query-compute-apps)', processesPerRefresh: gpustat.processes, refreshMs: gpustat.ms },
    ],
    gpuVsTableRatio: table.ms > 0 ? Math.round((gpu.ms / table.ms) * 100) / 100 : 0,
    note: 'fake nvidia-smi/python (sh scripts, no driver): the times measure our overhead; with a real driver each nvidia-smi call adds its own cost, so nvidia-smi calls per refresh is the figure that matters',
  };
}


if (require.main === module) {
  benchStatusRefresh().then((r) => {
    if (process.argv.includes('--json')) console.log(JSON.stringify({ statusRefresh: r }, null, 2));
    else {
      console.log(`status refresh: ${r.processesPerRefresh} processes (${r.nvidiaSmiPerRefresh} nvidia-smi), ${r.refreshMs} ms; GPU part ${r.gpuRefreshMs} ms`);
      console.log(`focus/interval refresh (torch probe reused): ${r.processesPerCachedRefresh} processes, ${r.cachedRefreshMs} ms`);
      console.log(`first paint: ${r.firstPaintProcesses} processes, ${r.firstPaintMs} ms`);
      for (const p of r.peers) console.log(`peer ${p.name}: ${p.processesPerRefresh} processes, ${p.refreshMs} ms`);
      console.log(`GPU refresh / nvidia-smi table: ${r.gpuVsTableRatio}`);
    }
  });
}
