// `npm run demo-server`: the contract server in demo mode, for people and for the e2e suite.
//   --port N (or env PORT; default 3737, 0 for an ephemeral port)   --host H (default 127.0.0.1)
//   --count-brightdata N   --count-anchor N   --seed N   --latency MS
// Prints both base URLs and then `READY {json}` for a parent process to wait on.
import { parseArgs } from 'node:util';
import { startContractServer, type ContractServerOptions } from './index';

function readOptions(): ContractServerOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'count-brightdata': { type: 'string' },
      'count-anchor': { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
    },
  });
  const counts: ContractServerOptions['counts'] = {};
  if (values['count-brightdata'] !== undefined) counts.brightData = wholeNumber('--count-brightdata', values['count-brightdata']);
  if (values['count-anchor'] !== undefined) counts.anchor = wholeNumber('--count-anchor', values['count-anchor']);
  const options: ContractServerOptions = {
    demo: true,
    port: wholeNumber('--port', values.port ?? process.env['PORT'] ?? '3737'),
    counts,
  };
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) options.seed = wholeNumber('--seed', values.seed);
  if (values.latency !== undefined) options.latencyMs = wholeNumber('--latency', values.latency);
  return options;
}

function wholeNumber(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  const server = await startContractServer(readOptions());
  console.log(`Bright Data: ${server.brightDataUrl}   (browserSessions.brightData.baseUrl)`);
  console.log(`Anchor:      ${server.anchorUrl}   (browserSessions.anchor.baseUrl)`);
  console.log('Demo mode: any non-empty API key is accepted.');
  console.log(`READY ${JSON.stringify({ url: server.url, brightDataUrl: server.brightDataUrl, anchorUrl: server.anchorUrl })}`);
  let closing = false;
  const stop = (): void => {
    if (closing) process.exit(1);
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
