// pixi's semantics: [dependencies] resolved as conda (workspace channels, strict priority),
// [pypi-dependencies] as uv would (per-dependency `index`, [pypi-options] index-url /
// extra-index-urls / find-links), each environment of [environments] from its features.
import { parse as parseToml } from 'toml';
import type { CondaSpec } from '../conda/types';
import type { Machine } from '../machine';
import type { PixiDependency, Pyproject } from '../pyproject/types';
import { parsePytorchIndexUrl } from '../knowledge/variants';
import { isTorchFamily } from '../knowledge/torch';
import type { IndexRef } from '../rules/model';
import type { Target } from './catalogue';
import { resolveConda } from './conda';
import { resolvePip } from './pip';
import type { PackageRequest } from './select';
import type { PackageOutcome, Text } from './types';

type Table = Record<string, unknown>;

export interface PixiEnvironment {
  name: string;
  features: string[];
}

export interface PixiConfig {
  channels: string[];
  environments: PixiEnvironment[];
  indexUrl: string | null;
  extraIndexUrls: string[];
  findLinks: string[];
}

function table(v: unknown): Table | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : table(x) && typeof (x as Table).path === 'string' ? [(x as Table).path as string] : table(x) && typeof (x as Table).url === 'string' ? [(x as Table).url as string] : [])) : [];
}

/** The pixi tables the Pyproject model does not carry: channels, environments, pypi-options. */
export function pixiConfig(py: Pyproject): PixiConfig {
  const cfg: PixiConfig = { channels: [], environments: [{ name: 'default', features: [] }], indexUrl: null, extraIndexUrls: [], findLinks: [] };
  let data: Table;
  try {
    data = parseToml(py.text) as Table;
  } catch {
    return cfg;
  }
  const base = /pixi\.toml$/i.test(py.file) ? data : table(table(data.tool)?.pixi) ?? data;
  const ws = table(base.workspace) ?? table(base.project) ?? {};
  cfg.channels = strings(ws.channels);
  const envs = table(base.environments);
  for (const [name, v] of Object.entries(envs ?? {})) {
    if (name === 'default') continue;
    const features = Array.isArray(v) ? strings(v) : strings(table(v)?.features);
    const noDefault = table(v)?.['no-default-feature'] === true;
    cfg.environments.push({ name, features: noDefault ? features : ['default', ...features] });
  }
  cfg.environments[0].features = ['default'];
  const opts = table(base['pypi-options']) ?? {};
  cfg.indexUrl = typeof opts['index-url'] === 'string' ? opts['index-url'] : null;
  cfg.extraIndexUrls = strings(opts['extra-index-urls']);
  cfg.findLinks = strings(opts['find-links']);
  return cfg;
}

function ref(kind: IndexRef['kind'], url: string): IndexRef {
  const span = { start: 0, end: 0 };
  return { kind, url, urlSpan: span, lineSpan: span, nameSpan: null, file: undefined, parsed: parsePytorchIndexUrl(url) };
}

function asCondaSpec(d: PixiDependency): CondaSpec {
  const v = d.version.trim();
  const clauses = v && v !== '*' ? v.split(',').map((c) => {
    const m = /^(==|!=|<=|>=|<|>|~=|=)?\s*([\w.]+?)(\.\*)?$/.exec(c.trim());
    if (!m) return { op: 'any' as const, version: '' };
    const op = m[1] === '=' || m[3] || !m[1] ? (m[1] === '==' && !m[3] ? '==' as const : 'fuzzy' as const) : m[1] as '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=';
    return { op, version: m[2] };
  }) : [];
  return { raw: `${d.name} ${d.version}`, span: d.nameSpan ?? d.span, channel: d.channel ?? null, name: d.name.toLowerCase(), nameSpan: d.nameSpan ?? d.span, version: v || null, versionSpan: d.span, build: d.build ?? null, clauses: clauses.length ? [clauses] : null };
}

/** Resolve one pixi environment: conda dependencies first; PyPI ones for what conda does not provide. */
export function resolvePixiEnvironment(py: Pyproject, cfg: PixiConfig, env: PixiEnvironment, machine: Machine | null, t: Target, unknown: Text[]): PackageOutcome[] {
  const inEnv = (d: PixiDependency) => env.features.includes(d.feature ?? 'default') && (!d.target || d.target.startsWith(t.platform === 'win32' ? 'win' : t.platform === 'darwin' ? 'osx' : 'linux'));
  const deps = (py.pixi?.dependencies ?? []).filter(inEnv);
  const condaDeps = deps.filter((d) => d.kind === 'conda').map(asCondaSpec);
  const out = resolveConda(condaDeps, cfg.channels, machine, t, unknown);
  const fromConda = new Set(out.map((p) => (p.name === 'pytorch' || p.name === 'pytorch-gpu' || p.name === 'pytorch-cpu' ? 'torch' : p.name)));
  for (const d of deps.filter((x) => x.kind === 'pypi')) {
    const pkg = d.name.toLowerCase().replace(/[-_.]+/g, '-');
    if (!isTorchFamily(pkg) || fromConda.has(pkg)) continue;
    const specs = d.version && d.version !== '*' ? d.version.split(',').map((c) => /^\s*(===|==|!=|<=|>=|<|>|~=)\s*(.+?)\s*$/.exec(c)).filter((m): m is RegExpExecArray => !!m).map((m) => ({ op: m[1], version: m[2] })) : [];
    const req: PackageRequest = { pkg, specs, url: d.source?.startsWith('url:') ? d.source.slice(4) : null, allowPre: false, site: { span: d.nameSpan ?? d.span } };
    const index = d.index ? ref('index-url', d.index) : cfg.indexUrl ? ref('index-url', cfg.indexUrl) : null;
    const sources = { index, extra: d.index ? [] : cfg.extraIndexUrls.map((u) => ref('extra-index-url', u)), findLinks: cfg.findLinks.map((u) => ref('find-links', u)), noIndex: false };
    out.push(...resolvePip([req], sources, t, unknown));
  }
  return out;
}
