// The manifest (package.json) against the code and the translations: command ids and setting keys in
// src/constants.ts match the contributions both ways; every %key% is translated; every setting has a
// scope and a markdownDescription; restricted settings are the executable paths; engines.vscode is not
// below the @types/vscode the code compiles against; the language contribution matches its files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import { Commands, LANGUAGE_ID, Settings } from '../../../src/constants';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
const pkg = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');
const nlsZh: Record<string, string> = readJson('package.nls.zh-cn.json');

type Json = Record<string, unknown>;
const commands = pkg.contributes.commands as { command: string; title: string }[];
const properties = pkg.contributes.configuration.properties as Record<string, Json>;

test('every command id in constants is contributed, and every contributed command is in constants', () => {
  const inCode = Object.values(Commands).sort();
  const inManifest = commands.map((c) => c.command).sort();
  assert.deepEqual(inManifest, inCode);
});

test('every setting key in constants is contributed, and every contributed setting is in constants', () => {
  const inCode = Object.entries(Settings)
    .filter(([k]) => k !== 'section')
    .map(([, v]) => v)
    .sort();
  assert.deepEqual(Object.keys(properties).sort(), inCode);
  for (const key of Object.keys(properties)) assert.ok(key.startsWith(`${Settings.section}.`), key);
});

test('every %key% in package.json exists in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 10, 'expected the manifest to be localised');
  for (const k of keys) {
    assert.equal(typeof nls[k], 'string', `package.nls.json lacks ${k}`);
    assert.equal(typeof nlsZh[k], 'string', `package.nls.zh-cn.json lacks ${k}`);
    assert.notEqual(nlsZh[k].trim(), '', `package.nls.zh-cn.json has an empty ${k}`);
  }
  // No stale keys either: each translation key is used by the manifest.
  for (const k of Object.keys(nls)) assert.ok(keys.includes(k), `package.nls.json has unused key ${k}`);
  assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
});

test('command titles and setting descriptions are localised (%key%)', () => {
  for (const c of commands) assert.match(c.title, /^%[^%]+%$/, `${c.command} title`);
  for (const [k, v] of Object.entries(properties)) {
    assert.match(String(v.markdownDescription), /^%[^%]+%$/, `${k} markdownDescription`);
  }
});

test('every setting has a scope and a markdownDescription', () => {
  const scopes = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];
  for (const [k, v] of Object.entries(properties)) {
    assert.ok(scopes.includes(String(v.scope)), `${k} has scope ${String(v.scope)}`);
    assert.equal(typeof v.markdownDescription, 'string', `${k} lacks markdownDescription`);
    assert.equal(v.description, undefined, `${k}: use markdownDescription only`);
  }
});

test('untrusted workspaces: limited, and the restricted settings are exactly the executable paths', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  const executablePaths = Object.keys(properties).filter((k) => /Path$/.test(k)).sort();
  assert.deepEqual([...u.restrictedConfigurations].sort(), executablePaths);
  assert.deepEqual(executablePaths, [Settings.condaPath, Settings.nvidiaSmiPath, Settings.pythonPath].sort());
  for (const k of executablePaths) {
    // Paths to executables are per machine (a workspace cannot pick the binary that runs).
    assert.match(String(properties[k].scope), /^machine/, `${k} scope`);
  }
});

test('engines.vscode is at least the @types/vscode version the code compiles against', () => {
  // The API the code compiles against must exist in the oldest VS Code the manifest accepts.
  const engine = semver.minVersion(pkg.engines.vscode);
  const declared = semver.minVersion(pkg.devDependencies['@types/vscode']);
  const installed = semver.parse(readJson('node_modules/@types/vscode/package.json').version);
  assert.ok(engine && declared && installed, 'versions parse');
  assert.ok(semver.gte(engine, declared), `engines.vscode ${pkg.engines.vscode} < @types/vscode ${pkg.devDependencies['@types/vscode']}`);
  assert.ok(semver.gte(engine, `${installed.major}.${installed.minor}.0`), `engines.vscode below installed @types/vscode ${installed.version}`);
});

test('entry points, extension kind and activation', () => {
  assert.equal(pkg.name, 'ai-env-doctor');
  assert.equal(pkg.displayName, 'AI Env Doctor');
  assert.equal(pkg.main, './dist/extension.js');
  assert.deepEqual(pkg.bin, { 'ai-env-doctor': './dist/cli.js' });
  assert.deepEqual(pkg.extensionKind, ['workspace']);
  assert.equal(pkg.l10n, './l10n');
  assert.ok(!pkg.activationEvents.includes('*'), 'no eager activation');
  assert.ok(pkg.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
  // the full check against the table of analysed files is in activation.test.ts
  for (const f of ['requirements.txt', 'environment.yml', 'pyproject.toml']) {
    assert.ok(pkg.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && path.matchesGlob(f, e.slice('workspaceContains:'.length))), f);
  }
  assert.ok(fs.existsSync(path.join(root, pkg.icon)), 'icon file');
  assert.equal(pkg.license, 'MIT');
  assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
});

test('the pip-requirements language and grammar contributions point at real files', () => {
  const lang = pkg.contributes.languages.find((l: Json) => l.id === LANGUAGE_ID);
  assert.ok(lang, 'language pip-requirements');
  for (const f of ['requirements.txt', 'requirements.in', 'constraints.txt']) assert.ok(lang.filenames.includes(f), f);
  for (const p of ['*requirements*.txt', '*requirements*.in', '*constraints*.txt']) assert.ok(lang.filenamePatterns.includes(p), p);
  assert.ok(lang.filenamePatterns.some((p: string) => p.endsWith('requirements/*.txt')));
  assert.ok(lang.filenamePatterns.some((p: string) => p.endsWith('requirements/*.in')));
  const conf = JSON.parse(fs.readFileSync(path.join(root, lang.configuration), 'utf8'));
  assert.equal(conf.comments.lineComment, '#');
  const grammar = pkg.contributes.grammars.find((g: Json) => g.language === LANGUAGE_ID);
  assert.equal(grammar.scopeName, 'source.pip-requirements');
  const tm = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8'));
  assert.equal(tm.scopeName, grammar.scopeName);
  // Every #include in the grammar resolves to a repository entry.
  const includes = [...JSON.stringify(tm).matchAll(/"include":"#([^"]+)"/g)].map((m) => m[1]);
  for (const i of includes) assert.ok(tm.repository[i], `grammar include #${i} has no repository entry`);
});

test('the l10n bundles are valid JSON and zh-cn translates every English template', () => {
  const en: Record<string, string> = readJson('l10n/bundle.l10n.json');
  const zh: Record<string, string> = readJson('l10n/bundle.l10n.zh-cn.json');
  for (const k of Object.keys(en)) assert.equal(typeof zh[k], 'string', `zh-cn lacks "${k}"`);
});
