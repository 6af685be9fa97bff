// Restricted mode: in an untrusted workspace the create-env command refuses and runs nothing, while the
// diagnostics (pure analysis, no process) still work.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { mutatingCalls } from './condaLog';
import { activateExtension, workspaceRoot } from './helpers';

suite('untrusted workspace', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('the workspace is not trusted in this session', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  test('create conda env refuses and runs no conda command', async () => {
    const before = mutatingCalls().length;
    const r = (await vscode.commands.executeCommand('aiEnvDoctor.createCondaEnv', {
      folder: workspaceRoot().fsPath, name: 'untrusted_env', python: '3.11', yes: true, fixFirst: false,
    })) as { status: string; reason?: string };
    assert.strictEqual(r.status, 'refused');
    assert.strictEqual(r.reason, 'untrusted');
    assert.deepStrictEqual(mutatingCalls().slice(before), []);
  });
});
