// Quick fixes in the real editor: vscode.executeCodeActionProvider returns exactly one preferred fix per
// diagnostic, and applying it yields the expected text; source.fixAll.aiEnvDoctor fixes a whole file; undo
// restores the original text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURES } from './expectations';
import { activateExtension, codeOf, fixtureUri, openDoc, revertAndClose, waitForDiagnostics } from './helpers';

async function actionsFor(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (r ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

async function undoUntil(doc: vscode.TextDocument, text: string): Promise<void> {
  for (let i = 0; i < 10 && doc.getText() !== text; i++) await vscode.commands.executeCommand('undo');
  assert.strictEqual(doc.getText(), text, 'undo did not restore the original text');
}

suite('quick fixes', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(revertAndClose);

  for (const f of FIXTURES.filter((x) => x.fixed !== undefined)) {
    test(`${f.folder}: the preferred fix yields the expected text; undo restores`, async () => {
      const uri = fixtureUri(f.folder, f.file ?? 'requirements.txt');
      const editor = await openDoc(uri);
      const doc = editor.document;
      const original = doc.getText();
      const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === f.diagnostics[0].code));
      const diag = ds.find((d) => codeOf(d) === f.diagnostics[0].code)!;
      const all = await actionsFor(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      // (the command's result does not carry CodeAction.diagnostics back, so bind by range: only our
      // diagnostic's range was asked for)
      const actions = all.filter((a) => !a.diagnostics?.length || a.diagnostics.some((d) => codeOf(d) === codeOf(diag)));
      assert.ok(
        actions.length > 0,
        `no quick fix bound to the diagnostic; actions: ${JSON.stringify(all.map((a) => [a.title, a.kind?.value, (a.diagnostics ?? []).map(codeOf)]))}`,
      );
      const preferred = actions.filter((a) => a.isPreferred);
      assert.strictEqual(preferred.length, 1, `exactly one preferred fix expected, got ${preferred.map((a) => a.title).join(' | ')}`);
      const edit = preferred[0].edit;
      assert.ok(edit, 'the preferred fix carries a WorkspaceEdit');
      for (const [u] of edit.entries()) assert.strictEqual(u.toString(), uri.toString(), 'fix edits another file');
      assert.ok(await vscode.workspace.applyEdit(edit));
      if (typeof f.fixed === 'string') assert.strictEqual(doc.getText(), f.fixed);
      else assert.match(doc.getText(), f.fixed as RegExp);
      // the fix actually fixes: the finding is gone once the document is re-analysed
      await waitForDiagnostics(uri, (x) => !x.some((d) => codeOf(d) === codeOf(diag)), 'the finding to go after the fix');
      await undoUntil(doc, original);
    });
  }

  test('source.fixAll.aiEnvDoctor fixes the whole file and leaves unrelated lines alone; undo restores', async () => {
    const uri = fixtureUri('fix-all', 'requirements.txt');
    const editor = await openDoc(uri);
    const doc = editor.document;
    const original = doc.getText();
    await waitForDiagnostics(uri, (x) => x.length >= 2);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await actionsFor(uri, whole, 'source.fixAll.aiEnvDoctor');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.aiEnvDoctor');
    assert.ok(fixAll?.edit, `no source.fixAll.aiEnvDoctor action (got ${actions.map((a) => a.kind?.value).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const lines = doc.getText().split('\n');
    assert.strictEqual(lines[0], original.split('\n')[0], 'the comment line changed');
    assert.match(lines[1], /^--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu1(18|21|24)$/);
    assert.strictEqual(lines[2], 'torch==2.5.1');
    assert.strictEqual(lines[3], 'torchvision==0.20.1');
    assert.strictEqual(lines[4], 'requests==2.32.3  # unrelated line, must stay as is');
    await waitForDiagnostics(uri, (x) => x.every((d) => d.severity !== vscode.DiagnosticSeverity.Error), 'no errors after fix-all');
    await undoUntil(doc, original);
  });

  test('the fixAll command applies the same fixes to the active editor', async () => {
    const uri = fixtureUri('fix-all', 'requirements.txt');
    const editor = await openDoc(uri);
    const original = editor.document.getText();
    await waitForDiagnostics(uri, (x) => x.length >= 2);
    await vscode.commands.executeCommand('aiEnvDoctor.fixAll');
    assert.match(editor.document.getText(), /torchvision==0\.20\.1/);
    assert.doesNotMatch(editor.document.getText(), /cu122/);
    await undoUntil(editor.document, original);
  });
});
