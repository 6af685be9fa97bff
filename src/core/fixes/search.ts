// Fix search: besides the rule's own fix, candidate moves of torch that change as little as possible,
// smallest first, for verification to pick from (the first verified one becomes preferred). For an
// exact pin no build of which runs here: the nearest releases upward that have a build running here
// (the RTX 5090 with 2.4.1+cu118 needs ≥ 2.7 with cu128+, not the newest release), torchvision and
// torchaudio moved with it and the index rewritten.
import type { Finding, Fix } from '../finding';
import { fixTitle } from '../finding';
import { msg } from '../l10n';
import { bestVariant, variantFit } from '../knowledge/fit';
import { variantCuda } from '../knowledge/variants';
import { satisfiesSafe } from '../rules/resolve';
import { releasesNewestFirst, torchRelease } from '../knowledge/torch';
import { compareVersions } from '../knowledge/cuda';
import { targetFix, type RuleContext } from '../rules/context';

/** Findings that say the torch build would not run here: the ones a move of torch can fix. */
const MOVABLE: ReadonlySet<string> = new Set(['driver-too-old', 'gpu-arch-unsupported']);

/** How many upward releases are tried at most. */
const MAX_UPWARD = 2;

/** Candidate fixes for `f`, smallest change first; none unless torch is an exact pin no build of which runs here. */
export function searchCandidates(ctx: RuleContext, f: Finding): Fix[] {
  const { machine, res } = ctx;
  if (!machine || !MOVABLE.has(f.code) || !res.pinned || !res.version || res.via === 'conda') return [];
  const version = res.version.split('+')[0];
  if (bestVariant(version, machine)) return []; // another variant of the same release runs: the rule's fix does that
  const upward = releasesNewestFirst()
    .filter((r) => compareVersions(r.torch, version) > 0)
    .reverse();
  const out: Fix[] = [];
  for (const r of upward) {
    const best = bestVariant(r.torch, machine);
    if (!best || best.runs !== true) continue;
    const fix = targetFix(ctx, { variant: best.variant, release: r }, msg('Use torch {0} from the {1} index', r.torch, best.variant));
    if (fix) out.push({ ...fix, preferred: false });
    if (out.length >= MAX_UPWARD) break;
  }
  return out;
}

/**
 * python-unsupported on an environment's own python= pin: the Python the pinned torch supports, offered
 * as an alternative only (verification never prefers a change to the pin the project states).
 */
export function pythonAlternative(ctx: RuleContext, f: Finding): Fix | null {
  const { model, res } = ctx;
  const py = model.python;
  if (f.code !== 'python-unsupported' || !py || py.source !== 'environment' || !res.pinned || !res.version) return null;
  if (f.span.start !== py.span.start || f.span.end !== py.span.end) return null;
  const rel = torchRelease(res.version.split('+')[0]);
  const m = /^(=*)\s*(\d+)\.(\d+)(?:\.\d+|\.\*|\*)?$/.exec(py.value.trim());
  if (!rel?.python?.min || !rel.python.max || !m) return null;
  const z = compareVersions(`${m[2]}.${m[3]}`, rel.python.min) < 0 ? rel.python.min : rel.python.max;
  return { ...fixTitle(msg('Use Python {0} (torch {1} has wheels for Python {2}–{3})', z, rel.torch, rel.python.min, rel.python.max)), preferred: false, edits: [{ span: py.span, newText: `${m[1]}${z}` }] };
}

/**
 * The driver that would run what the project allows, when nothing it allows runs with the driver here:
 * the lowest driver floor among the allowed builds whose kernels fit this GPU.
 */
export function driverThatWouldRun(ctx: RuleContext, f: Finding): string | null {
  const { machine, res } = ctx;
  if (!machine || !MOVABLE.has(f.code) || !machine.gpu.driver || res.via === 'conda') return null;
  const spec = res.pinned && res.version ? `==${res.version.split('+')[0]}` : res.torch?.req.specifier ?? '';
  if (!spec) return null;
  const allowed = releasesNewestFirst().filter((r) => satisfiesSafe(r.torch, spec));
  if (!allowed.length) return null;
  let floor: string | null = null;
  for (const r of allowed) {
    for (const v of r.variants ?? []) {
      if (!variantCuda(v)) continue;
      const fit = variantFit(r.torch, v, machine);
      if (fit.runs === true) return null; // something allowed runs here: a move of torch, not the driver
      if (fit.kernels === 'none' || fit.driver !== 'too-old' || !fit.driverFloor) continue;
      if (!floor || compareVersions(fit.driverFloor, floor) < 0) floor = fit.driverFloor;
    }
  }
  return floor;
}

/** `f` with the searched candidates placed before its own fixes (those already offered are not repeated). */
export function withSearched(ctx: RuleContext, input: Finding): Finding {
  let f = input;
  const driver = driverThatWouldRun(ctx, f);
  if (driver) {
    const said = msg('{0} (With this driver nothing {1} allows runs: update the NVIDIA driver to ≥ {2}.)', f.l10n ? { message: f.message, l10n: f.l10n } : f.message, `torch${ctx.res.torch?.req.specifier || `==${ctx.res.version ?? ''}`}`, driver);
    f = { ...f, message: said.message, l10n: said.l10n };
  }
  const py = pythonAlternative(ctx, f);
  if (py && !f.fixes.some((x) => x.title === py.title)) return { ...f, fixes: [...f.fixes, py] };
  const found = searchCandidates(ctx, f).filter((c) => !f.fixes.some((x) => x.title === c.title));
  if (!found.length) return f;
  return { ...f, fixes: [...found.map((c, i) => ({ ...c, preferred: i === 0 })), ...f.fixes.map((x) => ({ ...x, preferred: false }))] };
}
