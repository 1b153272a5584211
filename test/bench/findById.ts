// `npm run bench:find` (issue 9 §5): Find Session by ID through the provider's get-one endpoint
// against the scan it replaces (every page of the listing, as Find did before), for a 10,000-session
// account of each provider with 50 ms of latency per answer. The id looked for is the oldest
// session, the last one a newest-first scan reaches. Requests are counted by the contract server.
//
// The server runs in this process: both ways pay the same per-request setup cost, and the figures
// that matter here (requests, and time dominated by latency × requests) do not depend on it.
import { CAPABILITIES, createProviderClient, HttpClient, PROVIDER_IDS, type ProviderId } from '../../src/providers/index';
import { DEFAULT_KEYS, startContractServer, type ContractServer } from '../server';

const LATENCY_MS = 50;
const SESSIONS = 10_000;
/** The extension's default `browserSessions.pageSize`, which the scan listed with. */
const PAGE_SIZE = 50;

interface Row {
  provider: ProviderId;
  getOneRequests: number;
  getOneMs: number;
  scanRequests: number;
  scanMs: number;
}

function oldestId(server: ContractServer, provider: ProviderId): string {
  const records = server.sessions(provider) as unknown as Record<string, unknown>[];
  const idKey = provider === 'brightData' ? 'session_id' : 'id';
  const timeKey = { brightData: 'timestamp', anchor: 'created_at', browserbase: 'createdAt', steel: 'createdAt', hyperbrowser: 'createdAt' }[provider];
  const oldest = records.reduce((a, b) => (String(a[timeKey]) <= String(b[timeKey]) ? a : b));
  return String(oldest[idKey]);
}

async function measure(server: ContractServer, provider: ProviderId): Promise<Row> {
  const http = new HttpClient({ timeoutMs: 120_000 });
  try {
    const client = createProviderClient(provider, { baseUrl: server.urlFor(provider), apiKey: DEFAULT_KEYS[provider], http });
    const id = oldestId(server, provider);
    // One unmeasured request so neither way pays for the first connection.
    await client.fetchPage({ pageSize: PAGE_SIZE }, 0);

    server.resetRequests();
    let started = performance.now();
    const found = await client.getSession!(id);
    const getOneMs = performance.now() - started;
    const getOneRequests = server.requests.length;
    if (found.id !== id) throw new Error(`${provider}: get-one returned another session`);

    server.resetRequests();
    started = performance.now();
    const listed = await client.listAll({ pageSize: PAGE_SIZE });
    const scanMs = performance.now() - started;
    if (!listed.sessions.some((session) => session.id === id)) throw new Error(`${provider}: the scan did not find ${id}`);
    return { provider, getOneRequests, getOneMs, scanRequests: server.requests.length, scanMs };
  } finally {
    await http.close();
  }
}

async function main(): Promise<void> {
  const providers = PROVIDER_IDS.filter((id) => CAPABILITIES[id].endpoints?.getOne);
  const counts = Object.fromEntries(providers.map((id) => [id, SESSIONS]));
  const server = await startContractServer({ counts, latencyMs: LATENCY_MS });
  try {
    console.log(`Find by ID: get-one vs a scan of ${SESSIONS.toLocaleString('en')} sessions, ${LATENCY_MS} ms latency, page size ${PAGE_SIZE}`);
    console.log('provider       get-one: req      ms   scan: req        ms   ratio (time)');
    for (const provider of providers) {
      const row = await measure(server, provider);
      console.log(
        `${row.provider.padEnd(14)} ${String(row.getOneRequests).padStart(12)} ${row.getOneMs.toFixed(0).padStart(7)} ${String(row.scanRequests).padStart(11)} ${row.scanMs
          .toFixed(0)
          .padStart(9)} ${(row.scanMs / row.getOneMs).toFixed(1).padStart(10)}×`,
      );
    }
  } finally {
    await server.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
