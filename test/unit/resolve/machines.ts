// The machine matrix the resolution tests judge every corpus file against, and a corpus walker.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from '../../../src/core/machine';
import { machineFromFlags } from '../../../src/core/machineProfile';
import type { DocumentKind } from '../../../src/core/rules/model';
import { corpus } from '../rules/helpers';

export const MACHINES: Record<string, Machine> = {
  'pascal-580': machineFromFlags({ gpu: 'NVIDIA GeForce GTX 1080', driver: '580.95.05', python: '3.11' }),
  'rtx4090-win-551': machineFromFlags({ gpu: 'NVIDIA GeForce RTX 4090', driver: '551.86', platform: 'win32', python: '3.12' }),
  'rtx5090-570': machineFromFlags({ gpu: 'NVIDIA GeForce RTX 5090', driver: '570.124.04', python: '3.12' }),
  't4-470': machineFromFlags({ gpu: 'Tesla T4', driver: '470.256.02', python: '3.10' }),
  'a100-535': machineFromFlags({ gpu: 'NVIDIA A100-SXM4-80GB', driver: '535.183.01', python: '3.11' }),
  'macos-arm64': { ...machineFromFlags({ platform: 'darwin', python: '3.12' }), arch: 'arm64' },
};

export interface CorpusFile {
  /** Real path (for includes). */
  file: string;
  /** Path to analyse it as (a pixi.toml / pyproject.toml name where the corpus file name is prefixed). */
  as: string;
  kind: DocumentKind;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const file of walk(corpus)) {
    const rel = path.relative(corpus, file);
    const top = rel.split(path.sep)[0];
    if (top === 'nvidia-smi' || /\.md$/i.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (/\.toml$/i.test(file)) {
      const pixi = /pixi[^/]*\.toml$/i.test(path.basename(file)) && !/pyproject/i.test(path.basename(file));
      out.push({ file, as: path.join(path.dirname(file), pixi ? 'pixi.toml' : 'pyproject.toml'), kind: 'pyproject', text });
    } else if (/\.ya?ml$/i.test(file)) out.push({ file, as: file, kind: 'environment', text });
    else if (/\.(txt|in)$/i.test(file) || top === 'requirements') out.push({ file, as: file, kind: 'requirements', text });
  }
  return out;
}
