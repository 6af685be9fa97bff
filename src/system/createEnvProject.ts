// File-system side of "create conda env": read the project folder for core's readProject, preview the
// torch-line fixes (the rules' preferred fixes) as a new text, and finish a new env (.gitignore inside
// a project-local prefix, the installed-torch check).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../core/analyze';
import type { InstalledTorch } from '../core/detection';
import { fixedText } from '../core/fixes/oneFile';
import { readProject } from '../core/createEnv/project';
import type { ProjectModel } from '../core/createEnv/types';
import type { Machine } from '../core/machine';
import type { FileReader } from '../core/requirements/types';
import { pythonInPrefix } from './condaRunner';
import { readTextFile } from './fileReader';
import { probeTorch } from './torchProbe';

const MAX_BYTES = 16 * 1024 * 1024;

export function fileReader(): FileReader {
  return {
    read(p: string): string | null {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return null;
      try {
        const st = fs.statSync(p);
        return st.isFile() && st.size <= MAX_BYTES ? readTextFile(p) : null;
      } catch {
        return null;
      }
    },
    resolve(from: string, target: string): string {
      return /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : path.resolve(path.dirname(from), target);
    },
  };
}

/** The project model of a folder (top-level files only), optionally driven by a chosen file. */
export function loadProject(dir: string, prefer?: string): ProjectModel {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    /* unreadable folder: no files */
  }
  return readProject({ dir, names, reader: fileReader(), prefer });
}

export interface FixPreview {
  file: string;
  original: string;
  fixed: string;
  /** Codes of the findings fixed (for the message). */
  codes: string[];
}

/** The driving file with the rules' preferred torch fixes applied, or null when nothing needs fixing. */
export function previewFixes(project: ProjectModel, machine: Machine | null, env?: NodeJS.ProcessEnv): FixPreview | null {
  const src = project.source;
  if (src.kind === 'none' || !machine) return null;
  const reader = fileReader();
  const original = reader.read(src.file);
  if (original === null) return null;
  const { findings } = analyzeDocument(src.file, original, machine, { reader, env: env as Record<string, string | undefined> | undefined });
  const fixed = fixedText(original, findings, src.file);
  if (fixed === null) return null;
  const codes = [...new Set(findings.filter((f) => f.fixes.some((x) => x.preferred)).map((f) => f.code))];
  return { file: src.file, original, fixed, codes };
}

/**
 * Whether the fixed text can replace the file's text without changing anything else in it: the file still
 * holds the previewed text as plain UTF-8 with LF or CRLF line ends. Other encodings (a lossy decode, a
 * BOM, UTF-16) and lone-CR files are left alone, here and in the editor.
 */
export function fixesWritable(preview: FixPreview): 'ok' | 'changed' | 'not-utf8' {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(preview.file);
  } catch {
    return 'changed';
  }
  if (bytes.equals(Buffer.from(preview.original, 'utf8')) && !/\r(?!\n)/.test(preview.original)) return 'ok';
  return readTextFile(preview.file) === preview.original ? 'not-utf8' : 'changed';
}

/** Writes the fixed text when fixesWritable() allows it. */
export function writeFixes(preview: FixPreview): 'written' | 'changed' | 'not-utf8' {
  const can = fixesWritable(preview);
  if (can !== 'ok') return can;
  fs.writeFileSync(preview.file, preview.fixed);
  return 'written';
}

/** A prefix inside the project folder gets a .gitignore with "*" (as venv does), so it is never committed. */
export function writePrefixGitignore(prefix: string, projectDir: string): boolean {
  const rel = path.relative(projectDir, prefix);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const file = path.join(prefix, '.gitignore');
  try {
    if (fs.existsSync(file)) return false;
    fs.writeFileSync(file, '*\n');
    return true;
  } catch {
    return false;
  }
}

/** Run the installed-torch check with the new env's interpreter. */
export async function checkTorchIn(prefix: string, machine: Machine | null, opts: { timeoutMs?: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<InstalledTorch> {
  const gpu = machine?.gpu ?? { vendor: 'none' as const, driver: null, cuda: null, gpus: [], error: null };
  return probeTorch(pythonInPrefix(prefix), gpu, { timeoutMs: opts.timeoutMs ?? 120_000, signal: opts.signal, env: opts.env });
}
