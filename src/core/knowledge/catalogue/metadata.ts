// PEP 658 / core metadata files (METADATA of a wheel): the Requires-Dist pins that couple the torch
// family (torchvision → torch, torchaudio → torch, torch → triton) and, for PyPI's plain torch wheel,
// the CUDA build it was made with (its nvidia-*-cuXX / cuda-toolkit pins).
import { normalizeProjectName } from './wheel';

export interface RequiresDist {
  name: string;
  extras: string[];
  /** Version specifier without parentheses ("==2.9.0", ">=2.11"), "" when none. */
  specifier: string;
  marker: string | null;
}

/** Header fields of an RFC 822 metadata file, continuation lines joined; stops at the body. */
function headers(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && out.length) {
      out[out.length - 1][1] += ' ' + line.trim();
      continue;
    }
    const i = line.indexOf(':');
    if (i > 0) out.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
  }
  return out;
}

export function parseRequirement(s: string): RequiresDist | null {
  const semi = s.indexOf(';');
  const head = (semi < 0 ? s : s.slice(0, semi)).trim();
  const marker = semi < 0 ? null : s.slice(semi + 1).trim() || null;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*\(?\s*([^)]*?)\s*\)?$/.exec(head);
  if (!m) return null;
  return {
    name: normalizeProjectName(m[1]),
    extras: (m[2] ?? '').split(',').map((e) => e.trim()).filter(Boolean),
    specifier: m[3].replace(/\s+/g, ''),
    marker,
  };
}

/** The Requires-Dist entries of a metadata file. */
export function parseRequiresDist(metadata: string): RequiresDist[] {
  return headers(metadata)
    .filter(([k]) => k === 'requires-dist')
    .map(([, v]) => parseRequirement(v))
    .filter((r): r is RequiresDist => r !== null);
}

/** Pins that apply without an extra (an `extra == "…"` marker makes a pin optional). */
function unconditional(reqs: readonly RequiresDist[]): RequiresDist[] {
  return reqs.filter((r) => !r.marker || !/\bextra\s*==/.test(r.marker));
}

/** The exact version `name` is pinned to ("torch==2.9.0" → "2.9.0"; local label dropped), or null. */
export function exactPin(reqs: readonly RequiresDist[], name: string): string | null {
  const n = normalizeProjectName(name);
  for (const r of unconditional(reqs)) {
    if (r.name !== n) continue;
    const m = /^===?([0-9][0-9a-z.]*)(?:\+[0-9a-z.]+)?$/i.exec(r.specifier);
    if (m) return m[1];
  }
  return null;
}

/** The specifier a project puts on `name` (">=2.11", "==2.9.0"), or null. */
export function specifierFor(reqs: readonly RequiresDist[], name: string): string | null {
  const n = normalizeProjectName(name);
  const r = unconditional(reqs).find((x) => x.name === n);
  return r ? r.specifier : null;
}

/**
 * The CUDA variant a wheel was built for, from its CUDA runtime pin: nvidia-cuda-runtime-cu12==12.8.90
 * → cu128, nvidia-cuda-runtime==13.0.96 → cu130, cuda-toolkit[…]==13.0.2 → cu130. Null without one.
 */
export function cudaVariantOfRequires(reqs: readonly RequiresDist[]): string | null {
  const pinned = (r: RequiresDist) => /^(?:==|~=|>=)?(\d+)\.(\d+)/.exec(r.specifier);
  const order = [/^nvidia-cuda-runtime(-cu\d+)?$/, /^cuda-toolkit$/, /^cuda-runtime$/, /^nvidia-cuda-nvrtc(-cu\d+)?$/];
  for (const re of order) {
    for (const r of reqs) {
      if (!re.test(r.name)) continue;
      const m = pinned(r);
      if (m && Number(m[1]) >= 9) return `cu${m[1]}${m[2]}`;
    }
  }
  return null;
}
