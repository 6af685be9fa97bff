// Builds data/cuda-driver.json and data/gpus.json from the shared reference material
// (data/sources/cuda-driver.json, gpu-arch.json, SOURCES.md). Deterministic: the same input
// always gives byte-identical output (a unit test checks that the committed data matches).
// Nothing is invented here: every value is copied or parsed from the reference files, with its
// sources and verified flag kept.
//
//   node scripts/data/build-cuda.mjs [--reference DIR] [--out DIR] [--check]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monthYear, runBuilderCli, sourceKeys } from './builder.mjs';

/** ">=525.60.13" → "525.60.13"; null stays null. */
function floorOf(v) {
  if (v === null || v === undefined) return null;
  const m = /^>=\s*([\d.]+)$/.exec(String(v).trim());
  if (!m) throw new Error(`unexpected driver requirement: ${v}`);
  return m[1];
}

function sourcesOf(rec) {
  const s = rec.sources ?? rec.source;
  if (s === undefined) return [];
  return Array.isArray(s) ? s : [s];
}

export function buildCuda(ref, sourcesText) {
  const asOf = monthYear(sourcesText);
  if (!asOf) throw new Error('SOURCES.md: could not read the date of the newest material');
  const keys = sourceKeys(sourcesText);

  // Driver branch per 13.x minor, as stated in the CUDA 13.4 notes row ("13.0 R580, 13.1 R590, ...").
  const branchByMinor = {};
  for (const t of ref.toolkits) {
    for (const m of (t.note ?? '').matchAll(/\b(1\d\.\d) R(\d{3})\b/g)) branchByMinor[m[1]] = m[2];
    if (t.driver_branch) {
      const minor = t.cuda.split('.').slice(0, 2).join('.');
      branchByMinor[minor] ??= t.driver_branch.replace(/^R/, '');
    }
  }
  const branchSources = ref.toolkits.filter((t) => /\b1\d\.\d R\d{3}\b/.test(t.note ?? '')).flatMap(sourcesOf);

  const toolkits = ref.toolkits.map((t) => {
    const minor = t.cuda.split('.').slice(0, 2).join('.');
    return {
      cuda: t.cuda,
      label: t.label,
      linux: floorOf(t.linux),
      windows: floorOf(t.windows),
      driverBranch: t.driver_branch ? t.driver_branch.replace(/^R/, '') : (branchByMinor[minor] ?? null),
      installerBundled: t.installer_bundled
        ? { linux: t.installer_bundled.linux ?? null, windows: t.installer_bundled.windows ?? null }
        : null,
      sources: sourcesOf(t),
      verified: t.verified === true,
      ...(t.note || t.windows_note ? { note: [t.note, t.windows_note].filter(Boolean).join(' ') } : {}),
    };
  });

  const minorCompat = ref.compatibility.minor_version_compatibility.map((r) => ({
    cudaMajor: Number.parseInt(r.cuda_major, 10),
    branchFloor: r.min_driver_branch === null || r.min_driver_branch === undefined ? null : String(r.min_driver_branch),
    branchEndExclusive: r.max_driver_branch_exclusive === undefined ? null : String(r.max_driver_branch_exclusive),
    linux: r.linux_exact_floor ?? (r.min_driver_branch ? String(r.min_driver_branch) : null),
    windows: r.windows_exact_floor ?? (r.min_driver_branch ? String(r.min_driver_branch) : null),
    sources: sourcesOf(r),
    verified: r.verified === true,
    note: [r.note, r.linux_exact_floor_note, r.windows_exact_floor_conflict, typeof r.verified === 'string' ? r.verified : null]
      .filter(Boolean).join(' '),
  }));

  const used = new Set([...toolkits.flatMap((t) => t.sources), ...minorCompat.flatMap((r) => r.sources), ...branchSources]);
  const sources = {};
  for (const k of [...used].sort()) sources[k] = keys[k] ?? { what: 'see data/sources/SOURCES.md', type: '' };

  return {
    _generated: 'by scripts/data/build-cuda.mjs from data/sources/cuda-driver.json; do not edit by hand',
    asOf,
    schema: 'toolkits[].linux/windows: NVIDIA "Toolkit Driver Version" (minimum driver for that toolkit\'s full feature set), null where NVIDIA lists none. driverBranch: the R-branch NVIDIA names for the toolkit minor. minorCompat: lowest driver per CUDA major under minor version compatibility. verified=false: secondary material only.',
    sources,
    toolkits,
    minorCompat,
    driverBranchByMinor: branchByMinor,
    driverBranchSources: [...new Set(branchSources)],
  };
}

export function buildGpus(arch, sourcesText) {
  const asOf = monthYear(sourcesText);
  const keys = sourceKeys(sourcesText);
  const models = arch.models.map((m) => {
    new RegExp(m.pattern, 'i'); // must compile in JavaScript
    return {
      name: m.name,
      pattern: m.pattern,
      cc: m.cc,
      sm: m.sm,
      arch: m.arch,
      sources: sourcesOf(m),
      verified: m.verified === true,
      ...(m.note ? { note: m.note } : {}),
    };
  });
  const driverBranches = (arch.driver_branches?.rules ?? []).map((r) => ({
    ccMin: r.cc_min,
    ccMax: r.cc_max,
    arch: r.arch,
    lastBranch: r.last_branch ?? null,
    minBranch: r.min_branch ?? null,
    sources: sourcesOf(r),
    verified: r.verified === true,
    ...(r.note ? { note: r.note } : {}),
  }));
  const rocm = {};
  for (const [k, v] of Object.entries(arch.rocm_variant_arches ?? {})) if (Array.isArray(v)) rocm[k] = v;
  const rocmSources = sourcesOf(arch.rocm_variant_arches ?? {});
  const used = new Set([...models.flatMap((m) => m.sources), ...driverBranches.flatMap((r) => r.sources), ...rocmSources]);
  const sources = {};
  for (const k of [...used].sort()) sources[k] = keys[k] ?? { what: 'see data/sources/SOURCES.md', type: '' };
  return {
    _generated: 'by scripts/data/build-cuda.mjs from data/sources/gpu-arch.json; do not edit by hand',
    asOf,
    schema: 'models: ordered; the first whose pattern (case-insensitive regex) matches the nvidia-smi name gives the compute capability. Prefer nvidia-smi --query-gpu=compute_cap; this is the fallback.',
    sources,
    architectures: arch.architectures.map((a) => ({ cc: a.cc, arch: a.arch })),
    models,
    driverBranches,
    rocmGfx: { targets: rocm, sources: rocmSources },
  };
}

export function buildAll(referenceDir) {
  const read = (f) => readFileSync(path.join(referenceDir, f), 'utf8');
  const sourcesText = read('SOURCES.md');
  return {
    'cuda-driver.json': JSON.stringify(buildCuda(JSON.parse(read('cuda-driver.json')), sourcesText), null, 1) + '\n',
    'gpus.json': JSON.stringify(buildGpus(JSON.parse(read('gpu-arch.json')), sourcesText), null, 1) + '\n',
  };
}

runBuilderCli(import.meta.url, buildAll);
