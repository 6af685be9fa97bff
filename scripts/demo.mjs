#!/usr/bin/env node
/* global console, process */
// npm run demo: checks the projects in examples/ with the built CLI (dist/cli.js) against a few named
// machine profiles, described by flags (no GPU or driver needed here), and prints what it finds and how
// each preferred fix would change the file (before/after lines). The files themselves are not changed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// AED_CLI: run another build of the CLI (the tests pass a fresh bundle of the sources).
const cli = process.env.AED_CLI ? path.resolve(process.env.AED_CLI) : path.join(root, 'dist', 'cli.js');
const examples = process.argv[2] ?? 'examples';

export const PROFILES = [
  {
    name: 'RTX 4090 · Windows · driver 551.78',
    flags: ['--gpu', 'NVIDIA GeForce RTX 4090', '--driver', '551.78', '--platform', 'win32', '--python', '3.11'],
  },
  {
    name: 'GTX 1080 · Linux · driver 580.65.06',
    flags: ['--gpu', 'NVIDIA GeForce GTX 1080', '--driver', '580.65.06', '--platform', 'linux', '--python', '3.11'],
  },
  {
    name: 'RTX 5090 · Linux · driver 575.57.08',
    flags: ['--gpu', 'NVIDIA GeForce RTX 5090', '--driver', '575.57.08', '--platform', 'linux', '--python', '3.12'],
  },
  {
    name: 'Tesla T4 · Linux · driver 470.82.01 (an old server)',
    flags: ['--gpu', 'Tesla T4', '--driver', '470.82.01', '--platform', 'linux', '--python', '3.10'],
  },
  {
    name: 'MacBook (no NVIDIA)',
    flags: ['--platform', 'darwin', '--python', '3.12'],
  },
];

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const dim = paint('2');
const red = paint('31');
const yellow = paint('33');
const green = paint('32');
const cyan = paint('36');
const SEVERITY = { error: red('error  '), warning: yellow('warning'), information: cyan('info   '), hint: dim('hint   ') };

function quote(a) {
  return /^[\w./:=@+-]+$/.test(a) ? a : `"${a}"`;
}

/** Offsets of each line start in text (\n, \r\n or \r breaks). */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    } else if (c === '\n') starts.push(i + 1);
  }
  return starts;
}

function lineEnd(text, starts, line) {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/**
 * Before/after lines for the edits of one fix. Edits on the same or adjacent lines are shown together;
 * lines the edit leaves as they were are trimmed, and a pure insertion keeps the line after it as context.
 */
function beforeAfter(text, edits) {
  const starts = lineStarts(text);
  const offset = (p) => Math.min(starts[Math.min(p.line, starts.length - 1)] + p.character, text.length);
  const spans = edits
    .map((e) => {
      // An edit that ends at the start of a line (a whole-line deletion or insertion) does not touch that line.
      const endLine = e.range.end.character === 0 && e.range.end.line > e.range.start.line ? e.range.end.line - 1 : e.range.end.line;
      return { start: offset(e.range.start), end: offset(e.range.end), startLine: e.range.start.line, endLine, newText: e.newText };
    })
    .sort((a, b) => a.start - b.start);
  const groups = [];
  for (const s of spans) {
    const g = groups[groups.length - 1];
    if (g && s.startLine <= g.endLine + 1) {
      g.edits.push(s);
      g.endLine = Math.max(g.endLine, s.endLine);
    } else groups.push({ startLine: s.startLine, endLine: s.endLine, edits: [s] });
  }
  return groups.map((g) => {
    const from = starts[g.startLine];
    const lineTo = lineEnd(text, starts, Math.min(g.endLine, starts.length - 1));
    const to = Math.max(lineTo, ...g.edits.map((e) => e.end));
    let region = text.slice(from, to);
    for (const e of [...g.edits].sort((a, b) => b.start - a.start)) {
      region = region.slice(0, e.start - from) + e.newText + region.slice(e.end - from);
    }
    const split = (t) => (t === '' ? [] : t.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/));
    let before = split(text.slice(from, to));
    let after = split(region);
    let context = null;
    while (before.length && after.length && before[0] === after[0]) {
      before.shift();
      after.shift();
    }
    while (before.length && after.length && before[before.length - 1] === after[after.length - 1]) {
      context = before.pop();
      after.pop();
    }
    if (before.length) context = null;
    return { before, after, context };
  });
}

function runProfile(profile) {
  const args = ['check', examples, '--json', '--no-detect', ...profile.flags];
  console.log('');
  console.log(bold(`━━ ${profile.name} ━━`));
  console.log(dim(`$ ai-env-doctor ${args.map(quote).join(' ')}`));
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) {
    console.error(r.stderr || r.stdout);
    throw new Error(`ai-env-doctor check exited ${r.status}`);
  }
  const report = JSON.parse(r.stdout);
  let shown = 0;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of report.files) {
    // Style hints (unpinned lines) would drown the story; the CLI prints them all.
    const findings = file.findings.filter((f) => f.severity !== 'hint');
    for (const f of file.findings) counts[f.severity]++;
    if (findings.length === 0) continue;
    const text = fs.readFileSync(path.resolve(root, file.path), 'utf8');
    console.log(`  ${bold(file.path)}`);
    for (const f of findings) {
      shown++;
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      console.log(`    ${at.padEnd(6)} ${SEVERITY[f.severity]} ${bold(f.code)}  ${f.message}`);
      const fix = f.fixes.find((x) => x.preferred);
      if (!fix) continue;
      console.log(`           ${green('fix:')} ${fix.title}`);
      const local = fix.edits.filter((e) => !e.file);
      for (const [i, g] of beforeAfter(text, local).entries()) {
        if (i > 0) console.log(`             ${dim('⋯')}`);
        for (const l of g.before) console.log(`             ${red('- ' + l)}`);
        for (const l of g.after) console.log(`             ${green('+ ' + l)}`);
        if (g.context !== null) console.log(`             ${dim('  ' + g.context)}`);
      }
      for (const e of fix.edits.filter((x) => x.file)) console.log(`             ${dim(`(also edits ${e.file})`)}`);
    }
  }
  if (shown === 0) console.log(`  ${green('✓')} nothing to fix for this machine`);
  console.log(
    dim(`  → ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} info, ${counts.hint} hint(s) in ${report.files.length} file(s); exit ${r.status}`),
  );
  return shown;
}

function main() {
  if (!fs.existsSync(cli)) {
    console.error(`${cli} is missing: run "npm run build" first (npm run demo does).`);
    process.exit(1);
  }
  if (!fs.existsSync(path.resolve(root, examples))) {
    console.error(`${examples}/ is missing`);
    process.exit(1);
  }
  const projects = fs
    .readdirSync(path.resolve(root, examples), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${d.name}/`);
  console.log(bold('AI Env Doctor demo'));
  console.log(`Checking ${examples}/ (${projects.join(', ')}) against ${PROFILES.length} machine profiles.`);
  console.log('No GPU needed: each machine is described by flags (--gpu, --driver, --platform, --python) and detection is off.');
  console.log('Fixes are shown, not applied; `ai-env-doctor check --fix` applies the preferred one of each finding.');
  let total = 0;
  for (const p of PROFILES) total += runProfile(p);
  console.log('');
  console.log(bold(`${total} finding(s) across ${PROFILES.length} machines. The same files, judged for different machines, need different fixes.`));
}

main();
