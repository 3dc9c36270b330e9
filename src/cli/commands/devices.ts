import { adapterLabel } from '../../gpu/adapter-description';
import { NODE_BACKENDS, requestNodeDevice, type NodeBackend } from '../../gpu/node-device';

/** `sdeflow devices`: which adapter each backend gives on this machine, and which one `auto` picks. */
export async function devicesCommand(options: { json?: boolean }): Promise<void> {
  const backends: NodeBackend[] = process.platform === 'linux' ? ['auto', 'vulkan', 'gles'] : [...NODE_BACKENDS];
  const rows: { backend: string; adapter?: unknown; label?: string; error?: string }[] = [];
  for (const backend of backends) {
    try {
      const gpu = await requestNodeDevice({ backend });
      rows.push({ backend, adapter: gpu.adapter, label: adapterLabel(gpu.adapter) });
      gpu.release();
    } catch (e) {
      rows.push({ backend, error: (e as Error).message.split('\n')[0] });
    }
  }
  if (options.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  for (const r of rows) process.stdout.write(`${r.backend.padEnd(7)} ${r.label ?? `— ${r.error}`}\n`);
}
