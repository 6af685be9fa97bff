// "GPU unknown": nvidia-smi exists but its answer says nothing usable (it timed out, printed something
// unreadable, or hit a driver/library mismatch) and no driver version was found elsewhere. That is
// not "no GPU": recommending the CPU build here would make create-env build a CPU env on a GPU machine.
import { msg, type Localizable } from '../l10n';
import type { GpuReport } from '../machine';

export function gpuUnknown(gpu: GpuReport): boolean {
  return gpu.vendor === 'nvidia' && gpu.gpus.length === 0 && gpu.driver === null
    && (gpu.error === 'timeout' || gpu.error === 'unparsed' || gpu.error === 'driver-library-mismatch');
}

/** Why no build is recommended for a machine whose GPU is unknown. */
export function gpuUnknownReason(gpu: GpuReport): { message: string; l10n: Localizable } {
  if (gpu.error === 'timeout') {
    return msg('unknown: nvidia-smi did not answer in time, so whether this machine has a usable NVIDIA GPU (and which PyTorch build fits) is unknown; run nvidia-smi, or raise the probe timeout.');
  }
  if (gpu.error === 'driver-library-mismatch') {
    return msg('unknown: nvidia-smi reports a driver/library version mismatch (reboot after a driver update), so the GPU and driver are unknown and no PyTorch build is recommended.');
  }
  return msg('unknown: the nvidia-smi output was not recognised, so the GPU and driver are unknown and no PyTorch build is recommended.');
}
