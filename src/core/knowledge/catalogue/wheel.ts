// Wheel file names (PEP 427 / binary distribution format): name-version(-build)?-python-abi-platform.whl,
// as they appear in index pages, where the local version's "+" is often percent-encoded ("%2B").

export interface WheelName {
  /** Normalised project name (PEP 503: lower case, runs of -_. as "-"). */
  name: string;
  /** Public version without the local label ("2.9.0"). */
  version: string;
  /** Local version label ("cu130"), or null for a plain wheel. */
  local: string | null;
  build: string | null;
  /** Python tags ("cp312"; "py3" ; compressed sets "cp312.cp313" split). */
  python: string[];
  abi: string;
  /** Platform tags ("manylinux_2_28_x86_64", "win_amd64"; compressed sets split). */
  platforms: string[];
}

export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The file name of a URL or href: path's last segment, percent-decoded, without query or fragment. */
export function fileNameOfUrl(href: string): string {
  const noFrag = href.split('#')[0].split('?')[0];
  return decode(noFrag.slice(noFrag.lastIndexOf('/') + 1));
}

/** Parse a wheel file name ("torch-2.9.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl"); null when it is not one. */
export function parseWheelName(fileName: string): WheelName | null {
  const f = decode(fileName.trim());
  if (!/\.whl$/i.test(f)) return null;
  const parts = f.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, fullVersion] = parts;
  const build = parts.length === 6 ? parts[2] : null;
  const [py, abi, plat] = parts.slice(-3);
  if (!name || !fullVersion || !py || !abi || !plat) return null;
  if (build !== null && !/^\d/.test(build)) return null;
  const plus = fullVersion.indexOf('+');
  const version = plus < 0 ? fullVersion : fullVersion.slice(0, plus);
  const local = plus < 0 ? null : fullVersion.slice(plus + 1).toLowerCase();
  if (!/^\d+(\.\d+)*([a-z0-9.]*)$/i.test(version)) return null;
  return {
    name: normalizeProjectName(name),
    version,
    local: local && local.length ? local : null,
    build,
    python: py.split('.'),
    abi,
    platforms: plat.split('.'),
  };
}

/** "manylinux_2_28_x86_64" → "linux-x86_64"; "win_amd64" → "windows"; "macosx_11_0_arm64" → "macos"; else the tag. */
export function platformFamily(tag: string): string {
  const t = tag.toLowerCase();
  if (/linux.*(x86_64|amd64)/.test(t)) return 'linux-x86_64';
  if (/linux.*aarch64/.test(t)) return 'linux-aarch64';
  if (t.startsWith('win')) return 'windows';
  if (t.startsWith('macosx')) return 'macos';
  if (t === 'any') return 'any';
  return t;
}

/** "cp312" → "3.12", "cp314t" → "3.14t"; null for other tags ("py3"). */
export function cpythonOf(tag: string): string | null {
  const m = /^cp(\d)(\d+)(t?)$/.exec(tag);
  return m ? `${m[1]}.${m[2]}${m[3]}` : null;
}
