// Wheel variants (cpu, cu121, rocm6.2, xpu) as they appear in projects: PyTorch index URLs
// (download.pytorch.org/whl/<variant>, /whl/nightly/<variant>, /whl/test/<variant>, mirrors),
// +cuXXX local versions, conda pytorch-cuda / cudatoolkit / cuda-version specs, uv index URLs.
import { compareVersions, cudaMinor } from './cuda';

export type VariantKind = 'cpu' | 'cuda' | 'rocm' | 'xpu' | 'other';

const VARIANT_RE = /^(cpu|cu\d{2,3}|rocm\d+(?:\.\d+)*|xpu)$/i;

export function isVariantName(s: string): boolean {
  return VARIANT_RE.test(s);
}

export function variantKind(variant: string): VariantKind {
  const v = variant.toLowerCase();
  if (v === 'cpu') return 'cpu';
  if (/^cu\d{2,3}$/.test(v)) return 'cuda';
  if (v.startsWith('rocm')) return 'rocm';
  if (v === 'xpu') return 'xpu';
  return 'other';
}

/** "cu121" → "12.1"; null for non-CUDA variants. */
export function variantCuda(variant: string): string | null {
  return variantKind(variant) === 'cuda' ? cudaMinor(variant) : null;
}

/** "12.1" / "12.1.0" → "cu121". */
export function cudaToVariant(cuda: string): string | null {
  const m = cudaMinor(cuda);
  if (!m) return null;
  const [maj, min] = m.split('.');
  return `cu${maj}${min}`;
}

/** Order CUDA variants by CUDA version (cu92 < cu118 < cu121). Non-CUDA variants sort first. */
export function compareCudaVariants(a: string, b: string): number {
  const ca = variantCuda(a);
  const cb = variantCuda(b);
  if (ca === null && cb === null) return a.localeCompare(b);
  if (ca === null) return -1;
  if (cb === null) return 1;
  return compareVersions(ca, cb);
}

export interface PytorchIndex {
  /** The variant named by the URL, or null (a bare /whl/ index or torch_stable.html page). */
  variant: string | null;
  channel: 'stable' | 'nightly' | 'test';
  /** True for download.pytorch.org itself; false for a mirror recognised by its path. */
  official: boolean;
  /** A find-links page listing every variant (…/whl/torch_stable.html). */
  allVariants: boolean;
  /** Offsets inside the URL string of the variant segment, for rewriting it. */
  variantRange: { start: number; end: number } | null;
}

/**
 * Recognise a PyTorch wheel index URL. Official: https://download.pytorch.org/whl[/nightly|/test]/<variant>[/].
 * Mirrors: any URL whose path contains "pytorch" or "torch" and ends in a variant segment
 * (e.g. https://mirrors.aliyun.com/pytorch-wheels/cu121/). Returns null for other URLs.
 */
export function parsePytorchIndexUrl(url: string): PytorchIndex | null {
  const m = /^(\w+):\/\/([^/?#]+)([^?#]*)/.exec(url.trim());
  if (!m) return null;
  const host = m[2].toLowerCase().replace(/:\d+$/, '').replace(/^[^@]*@/, '');
  const pathPart = m[3];
  const official = host === 'download.pytorch.org';
  const lowerPath = pathPart.toLowerCase();
  if (!official && !/torch/.test(lowerPath) && !/torch/.test(host)) return null;
  const prefixLen = url.indexOf(m[2]) + m[2].length;
  const segs: { text: string; start: number }[] = [];
  let pos = 0;
  for (const seg of pathPart.split('/')) {
    if (seg.length) segs.push({ text: seg, start: prefixLen + pos });
    pos += seg.length + 1;
  }
  const channel: PytorchIndex['channel'] = segs.some((s) => s.text.toLowerCase() === 'nightly')
    ? 'nightly'
    : segs.some((s) => s.text.toLowerCase() === 'test') ? 'test' : 'stable';
  const last = segs[segs.length - 1];
  if (last && /^torch_stable\.html$/i.test(last.text)) {
    return { variant: null, channel, official, allVariants: true, variantRange: null };
  }
  // The variant is the last segment, or the one before a package name (…/whl/cu121/torch/).
  for (let i = segs.length - 1; i >= Math.max(0, segs.length - 2); i--) {
    const s = segs[i];
    if (VARIANT_RE.test(s.text)) {
      return { variant: s.text.toLowerCase(), channel, official, allVariants: false, variantRange: { start: s.start, end: s.start + s.text.length } };
    }
    // A variant-shaped segment that was never published (cu122) still names a variant.
    if (/^cu\d{2,3}$/i.test(s.text)) break;
  }
  if (official) {
    // download.pytorch.org/whl/<something>: keep the segment if it looks like a variant attempt.
    const cand = segs.find((s, i) => i > 0 && segs[i - 1].text === 'whl' && s.text !== 'nightly' && s.text !== 'test')
      ?? segs.find((_s, i) => i > 1 && (segs[i - 1].text === 'nightly' || segs[i - 1].text === 'test'));
    if (cand && /^(cu\d+|rocm[\d.]+|cpu\w*|xpu\w*)$/i.test(cand.text)) {
      return { variant: cand.text.toLowerCase(), channel, official, allVariants: false, variantRange: { start: cand.start, end: cand.start + cand.text.length } };
    }
    return { variant: null, channel, official, allVariants: false, variantRange: null };
  }
  return null;
}

/** Replace the variant segment of a PyTorch index URL ("…/whl/cu122" → "…/whl/cu121"). */
export function withVariant(url: string, variant: string): string {
  const p = parsePytorchIndexUrl(url);
  if (!p || !p.variantRange) return `https://download.pytorch.org/whl/${variant}`;
  return url.slice(0, p.variantRange.start) + variant + url.slice(p.variantRange.end);
}

export function indexUrlFor(variant: string, channel: 'stable' | 'nightly' | 'test' = 'stable'): string {
  return channel === 'stable'
    ? `https://download.pytorch.org/whl/${variant}`
    : `https://download.pytorch.org/whl/${channel}/${variant}`;
}

/** Local version label of a pinned version ("2.1.2+cu121" → "cu121"), when it names a variant. */
export function localVariant(version: string): string | null {
  const i = version.indexOf('+');
  if (i < 0) return null;
  const local = version.slice(i + 1).toLowerCase();
  return VARIANT_RE.test(local) ? local : null;
}

/**
 * The variant implied by a conda spec: pytorch-cuda=12.1 → cu121, cudatoolkit=11.3 → cu113,
 * cuda-version=12.4 → cu124, cpuonly → cpu. Null when the spec names none (or no exact version).
 */
export function condaSpecVariant(name: string, version: string | null): string | null {
  const n = name.toLowerCase();
  if (n === 'cpuonly') return 'cpu';
  if (n !== 'pytorch-cuda' && n !== 'cudatoolkit' && n !== 'cuda-version' && n !== 'cuda-toolkit') return null;
  if (!version) return null;
  const m = /^(?:==?)?\s*(\d+\.\d+)(?:\.\d+|\.\*|\*)?$/.exec(version.trim());
  return m ? cudaToVariant(m[1]) : null;
}
