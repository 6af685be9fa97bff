// /sys/module/nvidia/version ("550.54.14\n") or /proc/driver/nvidia/version
// ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC 2024").
export function parseDriverVersionFile(text: string): string | null {
  const t = text.trim();
  if (/^\d+\.\d+(\.\d+)?$/.test(t)) return t;
  const m = /Kernel Module(?:\s+for\s+\S+)?\s+(\d+\.\d+(?:\.\d+)?)/i.exec(t) ?? /NVRM version:.*?\b(\d{3}\.\d+(?:\.\d+)?)\b/.exec(t);
  return m ? m[1] : null;
}
