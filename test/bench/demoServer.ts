// The demo server (test/server/main.ts) in a process of its own, for the benchmarks that measure a
// client against it: in the benchmark's process it would share one thread with that client, and
// its own work (filtering, slicing, serialising) would be counted as the client's.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ProviderId } from '../../src/providers/index';

export interface DemoServer {
  readonly url: string;
  /** The provider's base URL as the server printed it. */
  urlFor(id: ProviderId): string;
  close(): Promise<void>;
}

/** `args`: main.ts's options (--latency, --count-<provider>, --synthetic-brightdata …); the port is chosen by the system. */
export async function startDemoServer(args: readonly string[]): Promise<DemoServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/main.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await readyLine(child);
  const urlOf = (key: string): string => {
    const url = ready[key];
    if (typeof url !== 'string') throw new Error(`the demo server printed no ${key}`);
    return url;
  };
  return {
    url: urlOf('url'),
    urlFor: (id) => urlOf(`${id}Url`),
    close: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function readyLine(child: ChildProcess): Promise<Record<string, unknown>> {
  if (!child.stdout) throw new Error('the demo server has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('READY ')) {
      child.stdout.resume();
      return JSON.parse(line.slice('READY '.length)) as Record<string, unknown>;
    }
  }
  throw new Error('the demo server exited before it was ready');
}
