// Import first in a unit test that loads code importing `vscode`: resolves it to ./vscode.ts.
import Module from 'node:module';
import path from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
const stubPath = path.join(__dirname, 'vscode.ts');
loader._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? stubPath : original.call(this, request, ...rest);
};
