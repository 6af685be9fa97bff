// PEP 503 name normalisation: runs of "-", "_" and "." become one "-", lower case.

export function normalizeName(name: string): string {
  let out = '';
  let inRun = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 45 || c === 95 || c === 46) {
      if (!inRun) out += '-';
      inRun = true;
    } else {
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : name[i];
      inRun = false;
    }
  }
  return out;
}
