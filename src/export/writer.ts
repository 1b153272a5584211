// Writes an export file from pages as they arrive. The file is written under a temporary name next
// to the target and renamed over it only once every page is in: a cancelled or failed export leaves
// nothing under the chosen name (and any file that was there untouched). No vscode: tested in Node.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Session } from '../providers/types';
import { csvHeader, csvRow, jsonLine, type ExportFormat } from './format';

/** One connection's part of the file. */
export interface ExportSource {
  /** The connection's label, written in the CSV's `connection` column. */
  readonly label: string;
  /** Called once, when this source's turn comes; yields the sessions page by page. */
  pages(signal: AbortSignal | undefined): AsyncIterable<readonly Session[]>;
}

export interface ExportRequest {
  /** Absolute path of the file to create or replace. */
  readonly target: string;
  readonly format: ExportFormat;
  readonly sources: readonly ExportSource[];
  readonly signal?: AbortSignal;
  /** Rows written so far, after each page. */
  readonly onProgress?: (rows: number) => void;
}

export interface ExportResult {
  readonly rows: number;
}

export async function exportSessions(request: ExportRequest): Promise<ExportResult> {
  const { format, sources, signal, onProgress } = request;
  const temporary = temporaryPath(request.target);
  let rows = 0;
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    if (format === 'csv') yield csvHeader();
    for (const source of sources) {
      for await (const sessions of source.pages(signal)) {
        // One string per page: a few tens of KB handed to the stream at a time, never the listing.
        let chunk = '';
        for (const session of sessions) chunk += format === 'csv' ? csvRow(session, { connectionLabel: source.label }) : jsonLine(session);
        yield chunk;
        rows += sessions.length;
        onProgress?.(rows);
      }
    }
  }
  try {
    // highWaterMark 1: the next page is read from the source only when the file has taken this one.
    // `wx`: the temporary name is new; never write through a file (or link) someone put there.
    await pipeline(Readable.from(chunks(), { highWaterMark: 1 }), createWriteStream(temporary, { flags: 'wx', encoding: 'utf8' }), signal ? { signal } : {});
    await rename(temporary, request.target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { rows };
}

/** Hidden, unique, in the target's own folder so the final rename stays on one file system. */
export function temporaryPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.part`);
}
