// What each rules fixture (test/fixtures/workspaces/<folder>/requirements.txt, machine pinned by the folder's
// aiEnvDoctor.target) must yield in the editor. Derived from the cases in issue 7 (e.g. driver 470.82.01 +
// torch==2.1.2+cu121 → driver-too-old, fix to cu118; GTX 1080 + cu130 → gpu-arch-unsupported, fix to cu126;
// /whl/cu122 → torch-index-unknown, fix to cu121), not from the extension's output.
import * as vscode from 'vscode';

export interface Expected {
  code: string;
  severity: vscode.DiagnosticSeverity;
  line: number;
  /** the exact text the diagnostic's range must cover */
  text: string;
}

export interface Fixture {
  folder: string;
  /** the file inside the folder (default requirements.txt) */
  file?: string;
  diagnostics: Expected[];
  /** the document after applying the preferred quick fix of the first diagnostic (string: exact; RegExp: shape) */
  fixed?: string | RegExp;
}

const E = vscode.DiagnosticSeverity.Error;
const W = vscode.DiagnosticSeverity.Warning;

export const FIXTURES: Fixture[] = [
  {
    folder: 'driver-too-old',
    diagnostics: [{ code: 'driver-too-old', severity: E, line: 2, text: '2.1.2+cu121' }],
    fixed:
      '# driver 470.82.01 (CUDA 11.4) cannot run CUDA 12.1 wheels\n' +
      '--extra-index-url https://download.pytorch.org/whl/cu118\n' +
      'torch==2.1.2+cu118\n',
  },
  {
    folder: 'gpu-arch-unsupported',
    diagnostics: [{ code: 'gpu-arch-unsupported', severity: E, line: 1, text: 'https://download.pytorch.org/whl/cu130' }],
    fixed:
      '# a GTX 1080 (sm_61) has no kernels in the cu130 build\n' +
      '--extra-index-url https://download.pytorch.org/whl/cu126\n' +
      'torch==2.9.0\n',
  },
  {
    folder: 'cpu-only-torch',
    diagnostics: [{ code: 'cpu-only-torch', severity: W, line: 1, text: 'torch' }],
    // a CUDA index ahead of torch, torch pinned (so a newer PyPI CPU wheel cannot win), numpy untouched
    fixed:
      /^# plain torch from PyPI on Windows is the CPU build\n--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu1\d\d\ntorch==\d+\.\d+\.\d+\nnumpy==2\.1\.3\n$/,
  },
  {
    folder: 'torch-index-unknown',
    diagnostics: [{ code: 'torch-index-unknown', severity: E, line: 1, text: 'https://download.pytorch.org/whl/cu122' }],
    fixed:
      '# there never was a cu122 PyTorch index\n' +
      '--extra-index-url https://download.pytorch.org/whl/cu121\n' +
      'torch==2.1.2\n',
  },
  {
    folder: 'torch-family-version-mismatch',
    diagnostics: [{ code: 'torch-family-version-mismatch', severity: E, line: 2, text: '0.19.1' }],
    fixed: '--extra-index-url https://download.pytorch.org/whl/cu124\ntorch==2.5.1\ntorchvision==0.20.1\n',
  },
  {
    // the same finding inside an environment.yml pip: block
    folder: 'environment-yml',
    file: 'environment.yml',
    diagnostics: [{ code: 'torch-index-unknown', severity: E, line: 7, text: 'https://download.pytorch.org/whl/cu122' }],
    fixed:
      'name: py_comfy\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n' +
      '      - --extra-index-url https://download.pytorch.org/whl/cu121\n      - torch==2.1.2\n',
  },
  { folder: 'clean', diagnostics: [] },
];
