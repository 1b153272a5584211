// `npm start`: the built extension in a real VS Code (code-server) against the contract server in
// demo mode, for trying the extension by hand. Runs until Ctrl-C.
//   --port N   code-server's port (default: a free one)
import { parseArgs } from 'node:util';
import { DEMO_SECOND_ACCOUNT, PROVIDER_IDS, startContractServer } from '../../server/index';
import { startCodeServer } from './codeServer';
import { ensureCodeServer, log, REPO_ROOT } from './install';

function readPort(): number | undefined {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  if (values.port === undefined) return undefined;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be a port number, got "${values.port}"`);
  return port;
}

async function main(): Promise<void> {
  const port = readPort();
  const install = await ensureCodeServer();
  // A second Bright Data account, selected by its own key, shows a connection's data apart from the default's.
  const contract = await startContractServer({ demo: true, accounts: [DEMO_SECOND_ACCOUNT] });
  log(`contract server (demo mode) on ${contract.url}`);
  const codeServer = await startCodeServer({
    install,
    port,
    extension: { kind: 'folder', path: REPO_ROOT },
    settings: {
      ...Object.fromEntries(PROVIDER_IDS.map((id) => [`browserSessions.${id}.baseUrl`, contract.urlFor(id)])),
      'browserSessions.connections': [
        { id: 'brightData-2', provider: 'brightData', label: 'Second account', baseUrl: contract.urlFor('brightData') },
      ],
    },
  }).catch(async (error: unknown) => {
    await contract.close();
    throw error;
  });

  process.stdout.write(
    [
      '',
      `  Browser Sessions is running in VS Code at ${codeServer.url}`,
      '  Open the Browser Sessions view in the activity bar, then run "Browser Sessions: Set API Key…":',
      '  in demo mode the local API accepts any key the extension takes (8 or more visible characters,',
      '  e.g. demo-key-1). Ctrl-C stops everything.',
      `  The connection "Bright Data · Second account" is another account: give it the key "${DEMO_SECOND_ACCOUNT.key}"`,
      '  (Set API Key… on its row, or from the palette) to see its own sessions.',
      `  (code-server log: ${codeServer.logFile})`,
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    log('stopping code-server and the contract server');
    void Promise.allSettled([codeServer.stop(), contract.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
