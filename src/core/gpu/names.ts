// Short GPU names for a status bar: "NVIDIA GeForce RTX 4090" → "RTX 4090", "NVIDIA H100 80GB HBM3" →
// "H100 80GB HBM3", "Tesla V100-SXM2..." → "V100-SXM2...". Several GPUs: "2× RTX 4090" or "RTX 4090 +1".
export function shortGpuName(name: string): string {
  const s = name
    .replace(/^NVIDIA\s+/i, '')
    .replace(/^(GeForce|Tesla|Quadro)\s+(?=\S)/i, '')
    .replace(/\s+Laptop GPU$/i, ' Laptop')
    .trim();
  return s || name.trim();
}

export function shortGpuSummary(names: readonly string[]): string {
  if (names.length === 0) return '';
  const first = shortGpuName(names[0]);
  if (names.length === 1) return first;
  if (names.every((n) => n === names[0])) return `${names.length}× ${first}`;
  return `${first} +${names.length - 1}`;
}
