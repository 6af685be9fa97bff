// Activation and manifest: every command contributed in package.json is registered once the extension is
// active (the list is read from package.json, never hand-copied), and the pip-requirements language is
// assigned to the file names the manifest claims.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../src/constants';
import { activateExtension, fixtureUri } from './helpers';

interface Manifest {
  contributes: { commands: { command: string }[] };
  activationEvents: string[];
}

suite('activation and manifest', () => {
  let ext: vscode.Extension<unknown>;
  let manifest: Manifest;

  suiteSetup(async () => {
    ext = await activateExtension();
    manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as Manifest;
  });

  test('the extension activates', () => {
    assert.strictEqual(ext.isActive, true);
  });

  test('every command contributed in package.json is registered', async () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 5, `package.json contributes only ${contributed.length} commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  const files = ['requirements.txt', 'requirements/dev.txt', 'requirements-gpu.in', 'constraints.txt'];
  for (const rel of files) {
    test(`${rel} opens as ${LANGUAGE_ID}`, async () => {
      const doc = await vscode.workspace.openTextDocument(fixtureUri('languages', ...rel.split('/')));
      assert.strictEqual(doc.languageId, LANGUAGE_ID);
    });
  }

  test('other text files are not claimed', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('languages', 'notes.txt'));
    assert.notStrictEqual(doc.languageId, LANGUAGE_ID);
  });
});
