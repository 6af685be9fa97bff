// Builds data/torch.json from the shared reference material (data/sources/torch-releases.json,
// gpu-arch.json's torch_variant_arches, SOURCES.md). Deterministic: the same input always gives
// byte-identical output (test/unit/knowledge/data.test.ts checks that the committed file matches).
// Nothing is invented: every value is copied or parsed from the reference files, sources and
// verified flags kept. What the reference does not know stays null ("unknown" to the user).
//
//   node scripts/data/build-torch.mjs [--reference DIR] [--out DIR] [--check]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { monthYear, runBuilderCli, sourceKeys } from './builder.mjs';

function sourcesOf(rec) {
  const s = rec.sources ?? rec.source;
  if (s === undefined || s === null) return [];
  return Array.isArray(s) ? s : [s];
}

/** Map a source list entry to its SOURCES.md key: "test-infra@6c0f529130" → "test-infra@<sha>". */
function sourceKeyFor(s, keys) {
  if (keys[s]) return s;
  const base = s.split('@')[0];
  for (const k of Object.keys(keys)) if (k.split('@')[0] === base && k.includes('<')) return k;
  for (const k of Object.keys(keys)) if (k.split('@')[0] === base) return k;
  return null;
}

/** "sm_120" → "12.0", "sm_37" → "3.7", "compute_120" → "12.0". */
function ccOf(target) {
  const m = /^(?:sm|compute)_(\d+)$/.exec(target);
  if (!m) throw new Error(`unexpected arch target: ${target}`);
  const d = m[1];
  return `${d.slice(0, -1)}.${d.slice(-1)}`;
}

function notesOf(...parts) {
  const t = parts.filter((p) => typeof p === 'string' && p.length > 0).join(' ');
  return t.length ? t : null;
}

function buildRelease(r) {
  const py = r.python
    ? {
        min: r.python.min ?? null,
        max: r.python.max ?? null,
        freethreaded: r.python.freethreaded ?? [],
        experimental: r.python.experimental ?? [],
        note: r.python.notes ?? null,
      }
    : null;
  return {
    torch: r.torch,
    torchvision: r.torchvision ?? null,
    torchaudio: r.torchaudio ?? null,
    alsoPairs: r.domain_versions_conda
      ? { torchvision: r.domain_versions_conda.torchvision ?? null, torchaudio: r.domain_versions_conda.torchaudio ?? null }
      : null,
    python: py,
    variants: r.variants ?? null,
    variantsUnverified: Object.keys(r.variants_unverified ?? {}),
    variantsOther: Object.keys(r.variants_other ?? {}),
    variantsProposed: r.variants_proposed ?? [],
    pypiDefault: r.pypi_default ?? null,
    pypiDefaultCandidates: Object.keys(r.pypi_default_candidates ?? {}),
    conda: r.conda
      ? {
          channel: r.conda.channel,
          pytorchCuda: r.conda.pytorch_cuda ?? [],
          verified: r.conda.verified !== false,
          ...(r.conda.note ? { note: r.conda.note } : {}),
        }
      : null,
    released: r.released ?? null,
    stableBumpCommit: r.stable_bump_commit ?? null,
    verified: r.verified !== false,
    note: notesOf(r.notes, r.verification_note, r.torchaudio_note, r.domain_note, r.xpu_note, r.cu129_note),
    sources: sourcesOf(r),
  };
}

function buildArch(a) {
  let ptx;
  let ptxStatus;
  if (Array.isArray(a.ptx)) {
    ptx = a.ptx.map(ccOf);
    ptxStatus = 'known';
  } else {
    ptx = null;
    ptxStatus = String(a.ptx); // "unknown" | "conflicting"
  }
  const [lo, hi] = a.torch.split('-');
  return {
    torch: a.torch,
    torchFrom: lo,
    torchTo: hi ?? lo,
    variant: a.variant,
    platforms: a.platform.split('+'),
    sass: a.sm.map(ccOf),
    ptx,
    ptxStatus,
    verified: a.verified === true,
    ...(a.note ? { note: a.note } : {}),
    sources: sourcesOf(a),
  };
}

export function buildTorch(releases, arch, sourcesText) {
  const asOf = monthYear(sourcesText);
  if (!asOf) throw new Error('SOURCES.md: could not read the date of the newest material');
  const keys = sourceKeys(sourcesText);
  const cc = releases.conda_channel;
  const out = {
    _generated: 'by scripts/data/build-torch.mjs from data/sources/torch-releases.json and gpu-arch.json; do not edit by hand',
    asOf,
    schema: 'releases[]: per torch version: matching torchvision/torchaudio, Python range, variants published on download.pytorch.org/whl/<variant> (null = unknown), pypiDefault = CUDA variant of the plain PyPI wheel on Linux x86_64 (Windows and macOS get CPU). arches[]: CUDA kernels per torch release line + variant + platform: sass = compute capabilities with SASS (runs on same major, equal or higher minor), ptx = PTX targets (JIT forward), null with ptxStatus unknown/conflicting when not known. verified=false: secondary or inferred.',
    sources: {},
    releases: releases.releases.map(buildRelease),
    arches: arch.torch_variant_arches.map(buildArch),
    condaChannel: {
      lastRelease: cc.last_release_on_pytorch_channel,
      announcement: cc.announcement,
      pytorchCudaUsedFrom: cc.pytorch_cuda_metapackage.used_from,
      pytorchCudaByRelease: cc.pytorch_cuda_metapackage.values_by_release,
      installPattern: cc.pytorch_cuda_metapackage.install_pattern,
      beforePytorchCuda: cc.pytorch_cuda_metapackage['before_1.13'],
      alternative: cc.alternative,
      sources: sourcesOf(cc),
    },
    torchaudioEnd: {
      lastRelease: releases.torchaudio_end.last_release,
      note: releases.torchaudio_end.note,
      requiresTorch: releases.torchaudio_end.requires_torch ?? null,
      sources: sourcesOf(releases.torchaudio_end),
    },
    binaryCompatibility: {
      rule: arch.binary_compatibility_rule.rule,
      verified: arch.binary_compatibility_rule.verified === true,
      sources: sourcesOf(arch.binary_compatibility_rule),
    },
    archWarnings: (arch.warnings ?? []).map((w) => ({ gpuCc: w.gpu_cc, text: w.text })),
  };
  const used = new Set([
    ...out.releases.flatMap((r) => r.sources),
    ...out.arches.flatMap((a) => a.sources),
    ...out.condaChannel.sources,
    ...out.torchaudioEnd.sources,
    ...out.binaryCompatibility.sources,
  ]);
  for (const s of [...used].sort()) {
    const k = sourceKeyFor(s, keys);
    out.sources[s] = k ? keys[k] : { what: 'see data/sources/SOURCES.md', type: '' };
  }
  return out;
}

export function buildAll(referenceDir) {
  const read = (f) => readFileSync(path.join(referenceDir, f), 'utf8');
  const data = buildTorch(JSON.parse(read('torch-releases.json')), JSON.parse(read('gpu-arch.json')), read('SOURCES.md'));
  // The wheel-index snapshot written by `npm run data:update`, merged over the releases at load time.
  if (existsSync(path.join(referenceDir, 'wheel-index.json'))) {
    const keys = sourceKeys(read('SOURCES.md'));
    if (!keys['wheel-index']) throw new Error('SOURCES.md does not define the wheel-index key');
    data.wheelIndex = JSON.parse(read('wheel-index.json'));
    data.sources['wheel-index'] = keys['wheel-index'];
  }
  return { 'torch.json': JSON.stringify(data, null, 1) + '\n' };
}

runBuilderCli(import.meta.url, buildAll);
