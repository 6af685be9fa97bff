// Placeholder until the owning feature lands.
import { UsageError, type CliIO } from './args';

export async function run(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('not available yet');
}
