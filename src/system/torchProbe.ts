// Run the env's Python once (with a timeout) to read its version and the installed torch build:
// torch.__version__, torch.version.cuda/hip, torch.cuda.is_available(), the arch list, MPS.
import { promises as fs } from 'node:fs';
import { exec } from './exec';
import { assessTorch, failedTorch, parseTorchProbeOutput, TORCH_PROBE_MARKER, type TorchProbeRaw } from '../core/gpu/torchCheck';
import type { InstalledTorch } from '../core/detection';
import type { GpuReport } from '../core/machine';

// The first statement drops the working folder from sys.path (it comes first for -c), so no module
// of a project can shadow json/torch; PYTHONSAFEPATH=1 (3.11+) does the same before site runs.
export const TORCH_PROBE_SCRIPT = `
import sys, os
sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.abspath(p) != os.getcwd()]
import json
out = {"python": "%d.%d.%d" % tuple(sys.version_info[:3]), "executable": sys.executable, "prefix": sys.prefix}
try:
    import site
    out["sitePackages"] = list(site.getsitepackages()) + [site.getusersitepackages()]
except BaseException:
    out["sitePackages"] = [p for p in sys.path if p.endswith("site-packages")]
try:
    import torch
except ModuleNotFoundError:
    out["torchError"] = "not-installed"
except BaseException as e:
    out["torchError"] = ("import-error: %s: %s" % (type(e).__name__, e))[:300]
else:
    out["version"] = str(getattr(torch, "__version__", ""))
    v = getattr(torch, "version", None)
    out["cuda"] = getattr(v, "cuda", None)
    out["hip"] = getattr(v, "hip", None)
    try:
        out["cudaAvailable"] = bool(torch.cuda.is_available())
    except BaseException:
        out["cudaAvailable"] = None
    arch = []
    try:
        arch = list(torch.cuda.get_arch_list())
    except BaseException:
        pass
    if not arch:
        try:
            arch = str(torch._C._cuda_getArchFlags() or "").split()
        except BaseException:
            arch = []
    out["archList"] = arch
    try:
        out["deviceCount"] = int(torch.cuda.device_count()) if out["cudaAvailable"] else 0
    except BaseException:
        out["deviceCount"] = None
    try:
        out["mpsAvailable"] = bool(torch.backends.mps.is_available())
    except BaseException:
        out["mpsAvailable"] = None
sys.stdout.write("${TORCH_PROBE_MARKER}" + json.dumps(out) + "\\n")
`;

/**
 * The script as one line without quotes or newlines: a multi-line -c cannot pass through cmd.exe
 * (a python.bat shim), and hex needs no import. The stripping statement runs before anything is imported.
 */
export function torchProbeArgs(): string[] {
  const hex = Buffer.from(TORCH_PROBE_SCRIPT, 'utf8').toString('hex');
  return ['-c', `exec(bytes.fromhex('${hex}').decode())`];
}

export interface TorchProbeRun {
  raw: TorchProbeRaw | null;
  /** Why nothing usable came back: no-python, timeout, unparsed, "python exited with N". */
  error: string | null;
}

/** Run the probe script once; no judgement about the GPU yet (see assessTorch). */
export async function runTorchProbe(
  python: string,
  opts: { timeoutMs: number; deadline?: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<TorchProbeRun> {
  // No -I/-s: torch may live in user site-packages. No -P either (older Pythons reject it); the
  // variable is ignored where unknown. exec runs it in a neutral working folder.
  const env = { ...(opts.env ?? process.env), PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', PYTHONSAFEPATH: '1' };
  const r = await exec(python, torchProbeArgs(), {
    timeoutMs: opts.timeoutMs, deadline: opts.deadline, signal: opts.signal, env, maxBuffer: 1024 * 1024,
  });
  if (r.error === 'not-found' || r.error === 'spawn-failed') return { raw: null, error: 'no-python' };
  if (r.error === 'timeout' || r.error === 'cancelled') return { raw: null, error: 'timeout' };
  const raw = parseTorchProbeOutput(r.stdout);
  if (!raw) return { raw: null, error: r.ok ? 'unparsed' : `python exited with ${r.code ?? r.signal}` };
  return { raw, error: null };
}

export function torchFromRun(run: TorchProbeRun, gpu: GpuReport): InstalledTorch {
  return run.raw ? assessTorch(run.raw, gpu) : failedTorch(run.error ?? 'unparsed');
}

export async function probeTorch(
  python: string,
  gpu: GpuReport,
  opts: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<InstalledTorch> {
  return torchFromRun(await runTorchProbe(python, opts), gpu);
}

/**
 * Reuse of the last probe while nothing it depends on changed: same interpreter (path and mtime), same
 * site-packages folders (their mtimes change when a package is installed or removed), same GPU/driver
 * (gpuKey, checked by the caller once the GPU is known).
 * Lets focus/interval refreshes skip starting Python (seconds with a real torch import).
 */
export interface TorchProbeCache {
  entry: { python: string; signature: string; run: TorchProbeRun; gpuKey?: string } | null;
}

export function newTorchProbeCache(): TorchProbeCache {
  return { entry: null };
}

async function mtime(p: string): Promise<string> {
  try {
    const st = await fs.stat(p);
    return String(st.mtimeMs);
  } catch {
    return 'missing';
  }
}

export async function probeSignature(python: string, sitePackages: readonly string[]): Promise<string> {
  const parts = await Promise.all([python, ...sitePackages].map(mtime));
  return parts.join('|');
}

/** runTorchProbe, answered from the cache when allowed and still valid; stores successful runs. */
export async function runTorchProbeCached(
  python: string,
  opts: { timeoutMs: number; deadline?: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv; cache?: TorchProbeCache; force?: boolean },
): Promise<TorchProbeRun & { cached: boolean }> {
  const cache = opts.cache;
  const hit = cache?.entry;
  if (cache && hit && !opts.force && hit.python === python && hit.run.raw) {
    if ((await probeSignature(python, hit.run.raw.sitePackages)) === hit.signature) return { ...hit.run, cached: true };
  }
  const run = await runTorchProbe(python, opts);
  if (cache) {
    cache.entry = run.raw ? { python, signature: await probeSignature(python, run.raw.sitePackages), run } : null;
  }
  return { ...run, cached: false };
}
