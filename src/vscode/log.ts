// One LogOutputChannel for the whole extension, created first in activate() so every feature can log.
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('AI Env Doctor', { log: true });
}
