// pip's semantics for the torch family: --index-url replaces PyPI, --extra-index-url adds, and pip
// takes the highest version across every index and find-links page that satisfies every specifier
// (lines, -r includes, -c constraints); pre-releases only with --pre; direct wheel URLs are fixed.
import type { Machine } from '../machine';
import { msg } from '../l10n';
import { isTorchFamily, type TorchFamily } from '../knowledge/torch';
import type { Requirement } from '../requirements/types';
import type { IndexRef } from '../rules/model';
import { markerApplies } from './environment';
import { parseWheelUrl, pypiCandidates, pytorchIndexCandidates, PYPI, type Target } from './catalogue';
import { pickHighest, wheelOutcome, type PackageRequest } from './select';
import type { Candidate, PackageOutcome, Source, Text } from './types';

/** The torch-family package a requirement installs: by name, or by a bare wheel URL's file name. */
export function familyOf(r: Requirement): TorchFamily | null {
  if (isTorchFamily(r.normalizedName)) return r.normalizedName;
  if (!r.name && r.url) {
    const w = parseWheelUrl(r.url);
    if (w && isTorchFamily(w.name)) return w.name;
  }
  return null;
}

/** Requests per family package from requirement lines whose markers hold here; constraints narrow. */
export function packageRequests(reqs: readonly Requirement[], machine: Machine | null, python: string | null, docPath: string, pre: boolean): PackageRequest[] {
  const byPkg = new Map<TorchFamily, PackageRequest>();
  const constraints: Requirement[] = [];
  for (const r of reqs) {
    const pkg = familyOf(r);
    if (!pkg || !markerApplies(r.marker, machine, python)) continue;
    if (r.constraint) { constraints.push(r); continue; }
    const site = { span: r.span, ...(r.file && r.file !== docPath ? { file: r.file } : {}) };
    const cur = byPkg.get(pkg) ?? { pkg, specs: [], url: null, allowPre: pre, site };
    cur.specs.push(...r.specifiers.map((s) => ({ op: s.op, version: s.version })));
    if (r.url) { cur.url = r.url; cur.site = site; }
    if (r.specifiers.some((s) => /(a|b|rc|dev)\d*$/i.test(s.version))) cur.allowPre = true;
    byPkg.set(pkg, cur);
  }
  for (const c of constraints) {
    const cur = byPkg.get(familyOf(c) as TorchFamily);
    if (cur) cur.specs.push(...c.specifiers.map((s) => ({ op: s.op, version: s.version })));
  }
  return [...byPkg.values()];
}

export function looksLikePypiMirror(url: string): boolean {
  return /pypi|\/simple\/?$/i.test(url) && !/download\.pytorch\.org/i.test(url);
}

/** What one index or page serves of a package: candidates, or null when the knowledge cannot tell. */
export function sourceCandidates(pkg: TorchFamily, ix: IndexRef | null, t: Target): Candidate[] | null {
  if (!ix) return pypiCandidates(pkg, t);
  const source: Source = { kind: ix.kind === 'find-links' ? 'find-links' : 'index', url: ix.url };
  if (ix.parsed && (ix.parsed.variant || ix.parsed.allVariants)) return pytorchIndexCandidates(pkg, ix.parsed, source, t);
  if (ix.parsed) return null;
  if (ix.kind !== 'find-links' && looksLikePypiMirror(ix.url)) return pypiCandidates(pkg, t).map((c) => ({ ...c, source }));
  return null;
}

export interface PipSources {
  /** --index-url (null: PyPI). */
  index: IndexRef | null;
  extra: IndexRef[];
  findLinks: IndexRef[];
  noIndex: boolean;
}

export function pipSources(indexes: readonly IndexRef[], noIndex = false): PipSources {
  const primary = indexes.filter((i) => i.kind === 'index-url');
  return {
    // pip keeps the last --index-url it reads.
    index: primary[primary.length - 1] ?? null,
    extra: indexes.filter((i) => i.kind === 'extra-index-url'),
    findLinks: indexes.filter((i) => i.kind === 'find-links'),
    noIndex,
  };
}

/** Resolve each requested family package the way pip would. */
export function resolvePip(requests: readonly PackageRequest[], sources: PipSources, t: Target, unknown: Text[]): PackageOutcome[] {
  const out: PackageOutcome[] = [];
  const reported = new Set<string>();
  for (const req of requests) {
    if (req.url) { out.push(wheelOutcome(req, t)); continue; }
    const all: Candidate[] = [];
    const unknownSources: string[] = [];
    const list = [...(sources.noIndex ? [] : [sources.index, ...sources.extra]), ...sources.findLinks];
    for (const ix of list) {
      const c = sourceCandidates(req.pkg, ix, t);
      if (c) all.push(...c);
      else {
        unknownSources.push(ix?.url ?? PYPI.url);
        if (ix && !reported.has(ix.url)) {
          reported.add(ix.url);
          unknown.push(msg('What {0} serves is not in the knowledge; its builds are not judged.', ix.url));
        }
      }
    }
    out.push(pickHighest(req, all, unknownSources, msg('pip takes the highest version satisfying every specifier across all indexes.')));
  }
  return out;
}
