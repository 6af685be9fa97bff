// The status bar item in the real workbench, with the fake nvidia-smi (RTX 4090 + RTX 3090, driver
// 550.54.14) and the fake python of the activated env py_comfy first on PATH. The fakes read their mode from
// the environment at each call, and they are children of this extension host, so a test switches a mode by
// setting process.env here and refreshing. The item itself is read from the DOM through the UI bridge.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, expectUi, fixtureUri, uiAvailable, waitFor } from './helpers';

const REFRESH = 'aiEnvDoctor.refresh';

async function refreshWith(env: Record<string, string | undefined>): Promise<void> {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await vscode.commands.executeCommand(REFRESH);
}

suite('status bar', function () {
  suiteSetup(async function () {
    if (!uiAvailable()) this.skip();
    await activateExtension();
  });
  suiteTeardown(async () => {
    if (!uiAvailable()) return;
    await refreshWith({ FAKE_NVIDIA_SMI_MODE: undefined, FAKE_PYTHON_MODE: undefined });
  });

  test('shows the GPU, the highest CUDA of the driver and the env; tooltip lists every GPU', async () => {
    await refreshWith({ FAKE_NVIDIA_SMI_MODE: 'ok', FAKE_PYTHON_MODE: 'cuda' });
    const r = await expectUi({
      op: 'statusbar',
      match: 'RTX 4090 \\+1 · CUDA 12\\.4 · py_comfy',
      warning: false,
      tooltip: 'NVIDIA GeForce RTX 4090[\\s\\S]*NVIDIA GeForce RTX 3090[\\s\\S]*550\\.54\\.14',
      screenshot: 'statusbar-ok',
    });
    assert.match(r.tooltip ?? '', /py_comfy/);
    assert.match(r.tooltip ?? '', /2\.5\.1\+cu124/);
  });

  test('warns when the installed torch cannot use the GPU (CPU build)', async () => {
    await refreshWith({ FAKE_PYTHON_MODE: 'cpu' });
    const r = await expectUi({ op: 'statusbar', match: 'RTX 4090', warning: true, tooltip: '2\\.5\\.1\\+cpu' });
    assert.match(r.tooltip ?? '', /Torch not compiled with CUDA enabled/);
    await refreshWith({ FAKE_PYTHON_MODE: 'cuda' });
    await expectUi({ op: 'statusbar', match: 'RTX 4090', warning: false });
  });

  test('shows "timed out" when nvidia-smi hangs, and the rest of the extension keeps answering', async () => {
    await vscode.workspace.getConfiguration('aiEnvDoctor').update('probeTimeoutSeconds', 3, vscode.ConfigurationTarget.Workspace);
    try {
      process.env.FAKE_NVIDIA_SMI_MODE = 'hang';
      let settled = false;
      const refresh = Promise.resolve(vscode.commands.executeCommand(REFRESH)).then(() => (settled = true));
      // while nvidia-smi hangs (≥ 3 s before the kill), the hover provider answers from the cached machine
      const uri = fixtureUri(undefined, 'requirements.txt');
      await vscode.workspace.openTextDocument(uri);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 3));
      assert.ok(hovers.length > 0, 'no hover on the torch line');
      assert.strictEqual(settled, false, 'the refresh finished before the hover: was nvidia-smi really hanging?');
      await waitFor(() => settled, (s) => s, { timeoutMs: 30_000, what: 'the hung refresh to end at its timeout' });
      await refresh;
      await expectUi({ op: 'statusbar', match: 'timed out', warning: true, tooltip: 'timed out' });
    } finally {
      await refreshWith({ FAKE_NVIDIA_SMI_MODE: undefined });
      await vscode.workspace.getConfiguration('aiEnvDoctor').update('probeTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await expectUi({ op: 'statusbar', match: 'RTX 4090 \\+1 · CUDA 12\\.4', warning: false });
  });
});
