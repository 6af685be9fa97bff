// Activation by workspace contents: each session opens a workspace whose only project file is one the
// old activation events missed (a nested pyproject.toml, a conda.yaml). Nothing here activates the
// extension: it must already be active through its workspaceContains events, and the file, once
// opened, gets its findings.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { codeOf, openDoc, revertAndClose, waitFor, waitForDiagnostics } from './helpers';

suite('activation by workspace contents', () => {
  suiteTeardown(revertAndClose);

  test('the extension activates without being asked (workspaceContains)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
    await waitFor(() => ext.isActive, (active) => active, { timeoutMs: 30_000, what: 'activation by workspaceContains' });
  });

  test('the workspace\'s one project file gets findings', async () => {
    const files = await vscode.workspace.findFiles('**/*.{toml,yml,yaml,txt,in}');
    assert.strictEqual(files.length, 1, `expected one project file, found ${files.map((f) => f.fsPath).join(', ')}`);
    const { document } = await openDoc(files[0]);
    const ds = await waitForDiagnostics(document.uri, (d) => d.length > 0);
    assert.deepStrictEqual(ds.map(codeOf), ['torch-index-unknown']);
  });
});
