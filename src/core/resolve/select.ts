// Choosing among candidate builds the way the installers do: every specifier must hold (PEP 440,
// local labels included), then the highest version wins, a local label above the plain version.
import { compare as pep440Compare } from '@renovatebot/pep440';
import { msg } from '../l10n';
import { compareVersions } from '../knowledge/cuda';
import { newestKnownTorch, type TorchFamily } from '../knowledge/torch';
import { versionSpecifierContains } from '../requirements/markerEvaluate';
import type { Span } from '../text';
import { parseWheelUrl, type Target } from './catalogue';
import type { Candidate, PackageOutcome, Text } from './types';

export interface Spec {
  op: string;
  version: string;
}

/** One package as the file set asks for it: every specifier (lines, includes, constraints) together. */
export interface PackageRequest {
  pkg: TorchFamily;
  specs: Spec[];
  /** A direct URL (`torch @ https://…/torch-2.9.0%2Bcu128-….whl` or a bare wheel URL). */
  url: string | null;
  allowPre: boolean;
  site: { span: Span; file?: string } | null;
}

export function specText(specs: readonly Spec[]): string {
  return specs.map((s) => `${s.op}${s.version}`).join(',');
}

export function satisfiesAll(version: string, specs: readonly Spec[]): boolean {
  return specs.every((s) => versionSpecifierContains(version, s.op, s.version) === true);
}

export function newestFirst(a: Candidate, b: Candidate): number {
  try {
    return pep440Compare(b.version, a.version);
  } catch {
    return compareVersions(b.version, a.version);
  }
}

/** True when the specifiers also admit a release newer than anything the knowledge holds. */
export function admitsBeyondData(specs: readonly Spec[], pkg: TorchFamily): boolean {
  if (pkg !== 'torch') return false;
  const parts = newestKnownTorch().split('.').map(Number);
  const probes = [`${parts[0]}.${parts[1]}.${parts[2] + 1}`, `${parts[0]}.${parts[1] + 1}.0`, `${parts[0] + 1}.0.0`];
  return probes.some((p) => satisfiesAll(p, specs));
}

/** The outcome of a direct wheel URL: its file name fixes version, variant, Python and platform. */
export function wheelOutcome(req: PackageRequest, t: Target): PackageOutcome {
  const url = req.url as string;
  const w = parseWheelUrl(url);
  const base = { name: req.pkg, site: req.site, unknown: false };
  if (!w) {
    return { ...base, chosen: null, candidates: [], unknown: true, why: msg('{0} comes from {1}; its file name does not say which build it is.', req.pkg, url) };
  }
  const cand: Candidate = { version: w.version, variant: w.variant, source: { kind: 'url', url }, torch: req.pkg === 'torch' ? w.version.split('+')[0] : null };
  const wrongPython = w.python && t.python && w.python !== t.python.split('.').slice(0, 2).join('.');
  const wrongPlatform = (w.platform && w.platform !== t.platform) || (w.machine && w.machine !== t.machine);
  if (wrongPython || wrongPlatform) {
    const what = [w.python ? `CPython ${w.python}` : null, w.platform, w.machine].filter(Boolean).join(' ');
    return { ...base, chosen: null, candidates: [cand], why: msg('The wheel {0} is built for {1}, not for this machine: pip refuses to install it here.', `${w.name} ${w.version}`, what) };
  }
  return { ...base, chosen: cand, candidates: [cand], why: msg('{0} {1} is fixed by the wheel URL ({2} build).', req.pkg, w.version, w.variant ?? '?') };
}

/** Pick the highest candidate that satisfies every specifier; say why (or why not). */
export function pickHighest(req: PackageRequest, all: Candidate[], unknownSources: string[], how: Text): PackageOutcome {
  const candidates = all.filter((c) => satisfiesAll(c.version, req.specs)).sort(newestFirst);
  const spec = specText(req.specs) || msg('any version').message;
  const base = { name: req.pkg, site: req.site, candidates };
  const chosen = candidates[0] ?? null;
  if (!chosen) {
    const beyond = admitsBeyondData(req.specs, req.pkg);
    const unknown = beyond || unknownSources.length > 0;
    return {
      ...base, chosen: null, unknown,
      why: unknown
        ? msg('No build the knowledge knows satisfies {0} for {1}; a newer release or another index may.', spec, req.pkg)
        : msg('No build of {0} satisfies {1} on these sources for this machine.', req.pkg, spec),
    };
  }
  const newer = admitsBeyondData(req.specs, req.pkg) ? msg(' (the newest the knowledge knows; a newer release would win)') : '';
  return {
    ...base, chosen, unknown: false,
    why: msg('{0} {1} from {2}: {3}{4}', req.pkg, chosen.version, chosen.source.url, how, newer),
  };
}

function sameTorch(a: string | null, b: string | null): boolean {
  return !!a && !!b && compareVersions(a.split('+')[0], b.split('+')[0]) === 0;
}

/** torchvision pins torch exactly; torchaudio did until 2.11, which is built on the stable ABI and pins nothing. */
function pinsTorch(pkg: string, c: Candidate): boolean {
  if (pkg === 'torchvision') return true;
  return pkg === 'torchaudio' && compareVersions(c.version.split('+')[0], '2.11') < 0;
}

function fits(pkg: string, c: Candidate, torch: string | null): boolean {
  return !pinsTorch(pkg, c) || c.torch === null || sameTorch(c.torch, torch);
}

/**
 * pip resolves the family together: torchvision (and torchaudio before 2.11) require their own torch
 * exactly, so pip backtracks to the newest torch that a companion candidate pairs with. When none
 * pairs, the install fails; the companion keeps its own choice and says so.
 */
export function coupleFamily(pkgs: PackageOutcome[]): void {
  const torch = pkgs.find((p) => p.name === 'torch');
  if (!torch?.chosen || torch.chosen.source.kind === 'url') return;
  for (const dep of pkgs.filter((p) => (p.name === 'torchvision' || p.name === 'torchaudio') && p.chosen && p.chosen.source.kind !== 'url')) {
    const t = torch.chosen;
    const here = dep.candidates.filter((c) => fits(dep.name, c, t.torch ?? t.version));
    if (here.length) {
      if (here[0] !== dep.chosen) {
        dep.chosen = here[0];
        dep.why = msg('{0} {1}: the newest build that pairs with torch {2} (it requires that torch exactly).', dep.name, here[0].version, t.version);
      }
      continue;
    }
    const back = torch.candidates.find((tc) => dep.candidates.some((c) => fits(dep.name, c, tc.torch ?? tc.version)));
    if (back) {
      torch.chosen = back;
      torch.why = msg('pip backtracks torch to {0}, the newest that {1} {2} allows.', back.version, dep.name, (dep.chosen as Candidate).version);
      dep.chosen = dep.candidates.find((c) => fits(dep.name, c, back.torch ?? back.version)) ?? dep.chosen;
      continue;
    }
    dep.why = msg('No {0} the file allows pairs with any torch the file allows: pip cannot resolve this file.', dep.name);
  }
}
