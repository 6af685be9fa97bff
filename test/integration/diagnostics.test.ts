// Diagnostics in the real editor: each fixture yields exactly the expected codes, ranges and severities
// (machine pinned per folder by aiEnvDoctor.target); editing a line updates them; closing clears them.
// Waits on onDidChangeDiagnostics with a deadline (helpers.waitForDiagnostics), never a bare sleep.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURES } from './expectations';
import { activateExtension, closeAllEditors, codeOf, fixtureUri, openDoc, ourDiagnostics, revertAndClose, waitFor, waitForDiagnostics } from './helpers';

function summary(doc: vscode.TextDocument, ds: vscode.Diagnostic[]) {
  return ds
    .map((d) => ({ code: codeOf(d), severity: d.severity, line: d.range.start.line, text: doc.getText(d.range) }))
    .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

suite('diagnostics', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(revertAndClose);

  for (const f of FIXTURES) {
    test(`${f.folder}: exactly the expected codes, ranges and severities`, async () => {
      const uri = fixtureUri(f.folder, f.file ?? 'requirements.txt');
      const editor = await openDoc(uri);
      const doc = editor.document;
      const want = [...f.diagnostics].sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
      if (want.length === 0) {
        // A correct file for this machine. To know it was analysed (not merely not yet), break it, see the
        // finding, undo, and see the diagnostics go back to none.
        const line = doc.lineAt(1);
        const at = line.text.indexOf('cu124');
        assert.ok(at > 0, 'the clean fixture should use the cu124 index on line 2');
        await editor.edit((b) => b.replace(new vscode.Range(1, at, 1, at + 5), 'cu122'));
        await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'torch-index-unknown'));
        await vscode.commands.executeCommand('undo');
        await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics on the clean text');
        assert.deepStrictEqual(summary(doc, ourDiagnostics(uri)), []);
        return;
      }
      const got = await waitForDiagnostics(uri, (ds) => ds.length >= want.length);
      assert.deepStrictEqual(summary(doc, got), want);
      for (const d of got) {
        assert.ok(d.message.length > 10, `message too short: ${d.message}`);
        const code = d.code;
        assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'code should link to the rule docs');
        assert.match(code.target.toString(), new RegExp(`${codeOf(d)}\\.md$`));
      }
    });
  }

  test('editing a line updates the diagnostics, and undo brings them back', async () => {
    const uri = fixtureUri('torch-index-unknown', 'requirements.txt');
    const editor = await openDoc(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'torch-index-unknown'));
    const line = editor.document.lineAt(1);
    const at = line.text.indexOf('cu122');
    const ok = await editor.edit((b) => b.replace(new vscode.Range(1, at, 1, at + 5), 'cu121'));
    assert.ok(ok);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'diagnostics to clear after fixing the index by hand');
    // break another line: a torchvision that does not pair with torch 2.1.2
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'torchvision==0.20.1\n'));
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'torch-family-version-mismatch'));
    assert.deepStrictEqual(ds.map((d) => [codeOf(d), d.range.start.line]), [['torch-family-version-mismatch', 3]]);
  });

  test('closing the document clears its diagnostics', async () => {
    // Opened the way a user opens it (vscode.open, no extension-held reference: a document an extension
    // opens with openTextDocument stays open for minutes), and a file no other test touched.
    const uri = fixtureUri('driver-too-old', 'requirements-close.txt');
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'driver-too-old'));
    await closeAllEditors();
    await waitFor(
      () => ourDiagnostics(uri),
      (ds) => ds.length === 0,
      { event: vscode.languages.onDidChangeDiagnostics, timeoutMs: 30_000, what: 'diagnostics to clear on close' },
    );
  });
});
