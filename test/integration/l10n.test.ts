// Localisation: with the display language zh-cn (code-server --locale zh-cn), a diagnostic message and the
// status bar tooltip are Chinese.
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

  test('the status bar tooltip is in Chinese', async function () {
    if (!uiAvailable()) this.skip();
    const r = await expectUi({ op: 'statusbar', match: 'RTX 4090', tooltip: '[\\u4e00-\\u9fff]', screenshot: 'statusbar-zh-cn' });
    assert.match(r.tooltip ?? '', HAN);
  });
});
