// PEP 508 marker evaluation on the parsed marker tree (see pep508.ts for the parser).
import { compare as pep440Compare, explain } from '@renovatebot/pep440';
import { parseMarkerString, type MarkerNode } from './pep508';

// Mirrors packaging's Marker.evaluate (26.x): the four version-valued variables compare as PEP 440
// versions when `op + value` is a valid specifier; everything else compares as strings, where `<`
// and `>` are false and `<=`/`>=` mean equality; `~=` and `===` on strings are undefined.

/** The PEP 508 marker environment of one target interpreter. */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  platform_python_implementation: string;
  python_version: string;
  sys_platform: string;
  /** The extra being installed; "" outside an extra. */
  extra: string;
}

/** A marker that packaging refuses to evaluate (UndefinedComparison / UndefinedEnvironmentName). */
export class MarkerEvaluationError extends Error {}

const VERSION_VARIABLES = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const RELEASE = 'v?(?:[0-9]+!)?[0-9]+';
const SPEC_BODY: Record<string, RegExp> = {
  '===': /^\s*[^\s;)]*\s*$/,
  '==': new RegExp(`^\\s*${RELEASE}(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)\\s*$`, 'i'),
  '~=': new RegExp(`^\\s*${RELEASE}(?:\\.[0-9]+)+${PRE}${POST}${DEV}\\s*$`, 'i'),
  '<=': new RegExp(`^\\s*${RELEASE}(?:\\.[0-9]+)*${PRE}${POST}${DEV}\\s*$`, 'i'),
};
SPEC_BODY['!='] = SPEC_BODY['=='];
SPEC_BODY['>='] = SPEC_BODY['<='];
SPEC_BODY['<'] = SPEC_BODY['<='];
SPEC_BODY['>'] = SPEC_BODY['<='];

type Explained = NonNullable<ReturnType<typeof explain>>;

function cmp(a: string, b: string): number {
  return pep440Compare(a, b);
}

/** packaging's _version_split of a canonical version: epoch, release numbers, then pre/post/dev. */
function versionParts(v: Explained): string[] {
  const parts = [String(v.epoch), ...v.release.map(String)];
  if (v.pre) parts.push(`${v.pre[0]}${v.pre[1]}`);
  if (v.post !== null) parts.push(`post${v.post}`);
  if (v.dev !== null) parts.push(`dev${v.dev}`);
  return parts;
}

function equalTo(item: Explained, raw: string, spec: string): boolean {
  if (spec.endsWith('.*')) {
    const s = explain(spec.slice(0, -2));
    if (!s) return false;
    const want = versionParts(s);
    const have = versionParts(item);
    // zero-pad the release so "3" matches "3.0.*"
    const pad = Math.max(0, s.release.length - item.release.length);
    const padded = [...have.slice(0, 1 + item.release.length), ...Array<string>(pad).fill('0'), ...have.slice(1 + item.release.length)];
    return padded.slice(0, want.length).join('.') === want.join('.');
  }
  const s = explain(spec);
  if (!s) return false;
  return cmp(s.local ? raw : item.public, spec) === 0;
}

/** Specifier(op + spec).contains(item, prereleases=True); null when op + spec is no valid specifier. */
export function versionSpecifierContains(item: string, op: string, spec: string): boolean | null {
  const body = SPEC_BODY[op];
  if (!body || !body.test(spec)) return null;
  const s = spec.trim();
  if (op === '===') return item.toLowerCase() === s.toLowerCase();
  const v = explain(item.trim());
  if (!v) return false;
  const target = s.endsWith('.*') ? null : explain(s);
  switch (op) {
    case '==': return equalTo(v, item.trim(), s);
    case '!=': return !equalTo(v, item.trim(), s);
    case '<=': return cmp(v.public, s) <= 0;
    case '>=': return cmp(v.public, s) >= 0;
    case '~=': {
      if (!target) return false;
      const prefix = `${target.epoch ? `${target.epoch}!` : ''}${target.release.slice(0, -1).join('.')}.*`;
      return cmp(v.public, s) >= 0 && equalTo(v, item.trim(), prefix);
    }
    case '<': {
      if (!target || cmp(v.public, s) >= 0) return false;
      return target.is_prerelease || !v.is_prerelease || cmp(v.base_version, target.base_version) !== 0;
    }
    case '>': {
      if (!target || cmp(item.trim(), s) <= 0) return false;
      if (!target.is_postrelease && v.is_postrelease && cmp(v.base_version, target.base_version) === 0) return false;
      return !(v.local && cmp(v.base_version, target.base_version) === 0);
    }
  }
  return null;
}

function canonicalName(s: string): string {
  return s.replace(/[-_.]+/g, '-').toLowerCase();
}

function compareMarker(lhs: string, op: string, rhs: string, key: string): boolean {
  if (VERSION_VARIABLES.has(key)) {
    const r = versionSpecifierContains(lhs, op, rhs);
    if (r !== null) return r;
  }
  switch (op) {
    case 'in': return rhs.includes(lhs);
    case 'not in': return !rhs.includes(lhs);
    case '==': case '<=': case '>=': return lhs === rhs;
    case '!=': return lhs !== rhs;
    case '<': case '>': return false;
  }
  throw new MarkerEvaluationError(`Undefined ${op} on ${JSON.stringify(lhs)} and ${JSON.stringify(rhs)}`);
}

function lookup(env: MarkerEnvironment, key: string): string {
  const v = (env as unknown as Record<string, string | undefined>)[key];
  if (v === undefined) throw new MarkerEvaluationError(`Undefined environment name ${key}`);
  return key === 'extra' ? (v ? canonicalName(v) : '') : v;
}

/** Evaluate a parsed marker for an environment, as pip does. Throws MarkerEvaluationError. */
export function evaluateMarker(node: MarkerNode, env: MarkerEnvironment): boolean {
  if ('bool' in node) {
    // packaging evaluates every operand (an undefined comparison anywhere raises), then combines.
    const l = evaluateMarker(node.left, env);
    const r = evaluateMarker(node.right, env);
    return node.bool === 'and' ? l && r : l || r;
  }
  const { left, op, right } = node;
  let key: string;
  let lhs: string;
  let rhs: string;
  if ('variable' in left) {
    key = left.variable;
    lhs = lookup(env, key);
    rhs = 'value' in right ? right.value : right.variable;
  } else {
    if (!('variable' in right)) throw new MarkerEvaluationError('A marker compares two literals');
    key = right.variable;
    lhs = left.value;
    rhs = lookup(env, key);
  }
  if (key === 'extra') {
    lhs = canonicalName(lhs);
    rhs = canonicalName(rhs);
  }
  return compareMarker(lhs, op, rhs, key);
}

/** Parse and evaluate a marker written as text; null when it does not parse or cannot be evaluated. */
export function evaluateMarkerText(text: string, env: MarkerEnvironment): boolean | null {
  try {
    return evaluateMarker(parseMarkerString(text, 0, text.length).node, env);
  } catch {
    return null;
  }
}
