// The machine a document is judged against: the target profile from settings (aiEnvDoctor.target,
// resource-scoped, laid over what was detected) when set, else the detected machine, else null (GPU
// rules stay silent). One change event for "the answer may differ now" (detection or settings).
import * as vscode from 'vscode';
import type { Detection } from '../core/detection';
import type { Machine } from '../core/machine';
import { Settings } from '../constants';
import { onDidChangeSettings, readSettings, targetMachine } from './config';
import { machineSignature } from './free/machineSignature';

/** What the resolver needs from the machine service (MachineService fits this shape). */
export interface DetectionSource {
  readonly onDidChange: vscode.Event<void>;
  readonly detection: Detection | null;
}

export class CurrentMachine implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly reported = new Set<string>();
  private signature = '';
  /** Fires when detection finishes or changes, or when a setting that shapes the machine changes. */
  readonly onDidChange: vscode.Event<void> = this.emitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly source: DetectionSource | null,
  ) {
    if (source) {
      this.signature = machineSignature(source.detection?.machine ?? null);
      this.disposables.push(
        source.onDidChange(() => {
          // A refresh that only moved memory use or utilisation changes no finding: no re-check.
          const next = machineSignature(source.detection?.machine ?? null);
          if (next === this.signature) return;
          this.signature = next;
          this.emitter.fire();
        }),
      );
    }
    onDidChangeSettings(
      (e) => {
        if (e.affectsConfiguration(Settings.target)) {
          this.reported.clear();
          this.emitter.fire();
        }
      },
      undefined,
      this.disposables,
    );
  }

  get detection(): Detection | null {
    return this.source?.detection ?? null;
  }

  /** The machine for a document (or the window when no resource is given). */
  machineFor(resource?: vscode.Uri): Machine | null {
    const detected = this.detection?.machine ?? null;
    const settings = readSettings(resource);
    for (const p of settings.targetProblems) this.once(p);
    const target = targetMachine(settings, detected);
    if (target.error) this.once(target.error);
    return target.machine ?? detected;
  }

  private once(problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    this.log.warn(problem);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
