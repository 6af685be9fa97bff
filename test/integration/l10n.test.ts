// Localisation: with the display language zh-cn (code-server --locale zh-cn), a diagnostic message, its quick
// fix's title, the hover on the torch line and the status bar tooltip are Chinese.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, expectUi, fixtureUri, openDoc, uiAvailable, waitForDiagnostics } from './helpers';

const HAN = /[\u4e00-\u9fff]/;

suite('localisation (zh-cn)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('the display language is zh-cn', () => {
    assert.strictEqual(vscode.env.language.toLowerCase(), 'zh-cn');
  });

  test('a diagnostic message is in Chinese', async () => {
    const uri = fixtureUri(undefined, 'requirements.txt');
    await openDoc(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'torch-index-unknown'));
    const d = ds.find((x) => codeOf(x) === 'torch-index-unknown')!;
    assert.match(d.message, HAN, d.message);
    assert.match(d.message, /cu122/, 'the message keeps its arguments');
  });

  test('a quick fix title is in Chinese', async () => {
    const uri = fixtureUri(undefined, 'requirements.txt');
    await openDoc(uri);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'torch-index-unknown'));
    const d = ds.find((x) => codeOf(x) === 'torch-index-unknown')!;
    const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = (r ?? []).map((a) => a.title);
    const fix = titles.find((t) => /cu121/.test(t));
    assert.ok(fix, `no cu121 fix among ${JSON.stringify(titles)}`);
    assert.match(fix, HAN, fix);
    assert.doesNotMatch(fix, /\bUse the\b/, fix);
  });

  test('the hover on the torch line is in Chinese, values kept', async () => {
    const uri = fixtureUri(undefined, 'requirements.txt');
    await openDoc(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 3));
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, HAN, text);
    assert.match(text, /2\.1\.2/, 'the torch version is kept');
    assert.doesNotMatch(text, /Knowledge as of|Published variants|Install for this machine/, text);
  });

  test('the status bar tooltip is in Chinese', async function () {
    if (!uiAvailable()) this.skip();
    const r = await expectUi({ op: 'statusbar', match: 'RTX 4090', tooltip: '[\\u4e00-\\u9fff]', screenshot: 'statusbar-zh-cn' });
    assert.match(r.tooltip ?? '', HAN);
  });
});
