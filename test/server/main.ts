// `npm run demo-server`: the contract server in demo mode, for people and for the e2e suite.
//   --port N (or env PORT; default 3737, 0 for an ephemeral port)   --host H (default 127.0.0.1)
//   --count-brightdata N  --count-anchor N  --count-browserbase N  --count-steel N  --count-hyperbrowser N
//   --seed N   --latency MS
//   --synthetic-brightdata N (the Bright Data account becomes N synthetic sessions, computed on demand)
//   --synthetic-span-days D (the days they spread over; default 90)
// Prints every provider's base URL and key, the second Bright Data account, and then
// `READY {json}` for a parent process to wait on.
import { parseArgs } from 'node:util';
import { DEFAULT_KEYS, DEMO_SECOND_ACCOUNT, PROVIDER_IDS, startContractServer, type ContractServerOptions, type ProviderId } from './index';

const LABELS: Record<ProviderId, string> = {
  brightData: 'Bright Data',
  anchor: 'Anchor',
  browserbase: 'Browserbase',
  steel: 'Steel',
  hyperbrowser: 'Hyperbrowser',
};

const countOption = (id: ProviderId): string => `count-${id.toLowerCase()}`;

function readOptions(): ContractServerOptions {
  const names = ['port', 'host', 'seed', 'latency', 'synthetic-brightdata', 'synthetic-span-days', ...PROVIDER_IDS.map(countOption)];
  // Every option is a string, which parseArgs cannot infer from a computed option list.
  const values = parseArgs({ options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) }).values as Record<
    string,
    string | undefined
  >;
  const counts: ContractServerOptions['counts'] = {};
  for (const id of PROVIDER_IDS) {
    const text = values[countOption(id)];
    if (text !== undefined) counts[id] = wholeNumber(`--${countOption(id)}`, text);
  }
  const options: ContractServerOptions = {
    demo: true,
    port: wholeNumber('--port', values['port'] ?? process.env['PORT'] ?? '3737'),
    counts,
    accounts: [{ ...DEMO_SECOND_ACCOUNT }],
  };
  const host = values['host'];
  const seed = values['seed'];
  const latency = values['latency'];
  if (host !== undefined) options.host = host;
  if (seed !== undefined) options.seed = wholeNumber('--seed', seed);
  if (latency !== undefined) options.latencyMs = wholeNumber('--latency', latency);
  const synthetic = values['synthetic-brightdata'];
  const span = values['synthetic-span-days'];
  if (synthetic !== undefined) options.syntheticBrightData = wholeNumber('--synthetic-brightdata', synthetic);
  if (span !== undefined) options.syntheticSpanDays = wholeNumber('--synthetic-span-days', span);
  return options;
}

function wholeNumber(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  const server = await startContractServer(readOptions());
  for (const id of PROVIDER_IDS) {
    console.log(`${`${LABELS[id]}:`.padEnd(14)}${server.urlFor(id)}   (browserSessions.${id}.baseUrl)   key ${DEFAULT_KEYS[id]}`);
  }
  const second = DEMO_SECOND_ACCOUNT;
  console.log(`Second ${LABELS[second.provider]} account: ${server.urlFor(second.provider)}   key ${second.key}   (its own sessions)`);
  console.log('Demo mode: any other non-empty API key opens the first account of each provider.');
  const urls = Object.fromEntries(PROVIDER_IDS.map((id) => [`${id}Url`, server.urlFor(id)]));
  console.log(`READY ${JSON.stringify({ url: server.url, ...urls, accounts: [{ provider: second.provider, key: second.key }] })}`);
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
