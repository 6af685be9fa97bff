// Fill what nvidia-smi did not print from the knowledge base: the highest CUDA the driver supports
// (NVIDIA's table) and each GPU's compute capability (by model name). Marks where values came from.
import { maxCudaForDriver } from '../knowledge/cuda';
import { computeCapabilityForName } from '../knowledge/gpus';
import type { GpuReport, Platform } from '../machine';

export interface EnrichedFlags {
  cudaFrom: 'nvidia-smi' | 'driver-table' | null;
}

export function enrichGpuReport<T extends GpuReport>(report: T, platform: Platform): T & EnrichedFlags {
  let cudaFrom: EnrichedFlags['cudaFrom'] = report.cuda ? 'nvidia-smi' : null;
  let cuda = report.cuda;
  if (!cuda && report.driver && report.vendor === 'nvidia') {
    cuda = maxCudaForDriver(report.driver, platform);
    if (cuda) cudaFrom = 'driver-table';
  }
  const gpus = report.gpus.map((g) => (g.computeCapability || report.vendor !== 'nvidia'
    ? g
    : { ...g, computeCapability: computeCapabilityForName(g.name) }));
  return { ...report, cuda, gpus, cudaFrom };
}
