// A page object for the extension's Sessions tree: provider roots, status groups with their counts,
// session rows, "Load more" and notice rows, read from the DOM the way a screen reader sees them.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { ProviderId } from '../../server/index';
import { TIMEOUTS, type TreeRow, type Workbench } from './browser';
import { canonicalGroups, countsAgree, PROVIDER_LABEL, STATUS_SPEC, type GroupCount, type ProviderCounts } from './oracle';
import { pollUntil, pollUntilEqual } from './poll';

export const VIEW_NAME = 'Sessions';
export const CONTAINER_TITLE = 'Browser Sessions';

/** A provider's root row and the rows below it, up to the next root. */
export interface ProviderSection {
  readonly root: TreeRow;
  readonly rows: readonly TreeRow[];
}

/** What a provider shows: its total (from "N sessions") and its group rows' counts. */
export interface ShownCounts {
  readonly total: number | undefined;
  readonly groups: readonly GroupCount[];
}

export class SessionsView {
  constructor(readonly workbench: Workbench) {}

  rows(): Promise<TreeRow[]> {
    return this.workbench.treeRows(VIEW_NAME);
  }

  rowLocator(row: TreeRow): Locator {
    return this.workbench.treeRowAt(VIEW_NAME, row.index);
  }

  async section(provider: ProviderId): Promise<ProviderSection> {
    return this.sectionOf(PROVIDER_LABEL[provider]);
  }

  /** The section of the root with that label, e.g. a connection's "Bright Data · Second account". */
  async sectionOf(rootLabel: string): Promise<ProviderSection> {
    const rows = await this.rows();
    const start = rows.findIndex((row) => row.level === 1 && row.label === rootLabel);
    assert.ok(start >= 0, `no ${rootLabel} row is rendered; rows: ${rows.map((row) => row.label).join(' | ')}`);
    const end = rows.findIndex((row, index) => index > start && row.level === 1);
    return { root: rows[start], rows: rows.slice(start + 1, end === -1 ? undefined : end) };
  }

  /** Labels of the rendered roots (providers and connections), top to bottom. */
  async rootLabels(): Promise<string[]> {
    return (await this.rows()).filter((row) => row.level === 1).map((row) => row.label);
  }

  /** The total and the groups' counts, groups in canonical order (the oracle's; see canonicalGroups). */
  async counts(provider: ProviderId): Promise<ShownCounts> {
    return this.countsOf(PROVIDER_LABEL[provider]);
  }

  async countsOf(rootLabel: string): Promise<ShownCounts> {
    const { root, rows } = await this.sectionOf(rootLabel);
    const total = /^([\d,]+) sessions?$/.exec(root.description)?.[1];
    return {
      total: total === undefined ? undefined : Number(total.replace(/,/g, '')),
      groups: canonicalGroups(rows.filter(isGroup).map((row) => ({ label: row.label, count: Number(row.description.replace(/,/g, '')) }))),
    };
  }

  /** Group labels as the tree orders them. */
  async groupLabels(rootLabel: string): Promise<string[]> {
    return (await this.sectionOf(rootLabel)).rows.filter(isGroup).map((row) => row.label);
  }

  /** Waits until the provider shows exactly these counts. */
  async waitForCounts(provider: ProviderId, expected: ProviderCounts, what = 'counts'): Promise<void> {
    await this.waitForCountsOf(PROVIDER_LABEL[provider], expected, what, provider);
  }

  async waitForCountsOf(rootLabel: string, expected: ProviderCounts, what = 'counts', provider?: ProviderId): Promise<void> {
    const owner = provider ?? (Object.keys(PROVIDER_LABEL) as ProviderId[]).find((id) => rootLabel.startsWith(PROVIDER_LABEL[id]));
    const want = { total: expected.total, groups: canonicalGroups(expected.groups) };
    if (owner === undefined || STATUS_SPEC[owner].filter === 'enum') {
      await pollUntilEqual(() => this.countsOf(rootLabel), want, { timeoutMs: TIMEOUTS.tree, what: `${rootLabel} ${what}` });
      return;
    }
    await pollUntil(() => this.countsOf(rootLabel), (shown) => countsAgree(owner, shown, want), {
      timeoutMs: TIMEOUTS.tree,
      what: `${rootLabel} ${what} to agree with ${JSON.stringify(want)}`,
    });
  }

  /** Level-2 rows that are not groups: errors, "Set API key…", "Loading…", "No sessions…". */
  async notices(provider: ProviderId): Promise<TreeRow[]> {
    return (await this.section(provider)).rows.filter((row) => row.level === 2 && !isGroup(row));
  }

  async groupRow(provider: ProviderId, label: string): Promise<TreeRow> {
    const group = (await this.section(provider)).rows.find((row) => isGroup(row) && row.label === label);
    assert.ok(group, `${PROVIDER_LABEL[provider]} shows no "${label}" group`);
    return group;
  }

  /** The rows under a group: its sessions, then "Load more" or an error row. */
  async groupChildren(provider: ProviderId, label: string): Promise<TreeRow[]> {
    const { rows } = await this.section(provider);
    const start = rows.findIndex((row) => isGroup(row) && row.label === label);
    assert.ok(start >= 0, `${PROVIDER_LABEL[provider]} shows no "${label}" group`);
    const end = rows.findIndex((row, index) => index > start && row.level <= 2);
    return rows.slice(start + 1, end === -1 ? undefined : end);
  }

  async sessionLabels(provider: ProviderId, group: string): Promise<string[]> {
    return (await this.groupChildren(provider, group)).filter((row) => !isLoadMore(row)).map((row) => row.label);
  }

  async loadMoreRow(provider: ProviderId, group: string): Promise<TreeRow | undefined> {
    return (await this.groupChildren(provider, group)).find(isLoadMore);
  }

  async setGroupExpanded(provider: ProviderId, label: string, expanded: boolean): Promise<void> {
    const group = await this.groupRow(provider, label);
    if (group.expanded !== expanded) await this.rowLocator(group).locator('.monaco-tl-twistie').click();
    await pollUntil(
      () => this.groupRow(provider, label),
      (row) => row.expanded === expanded,
      { timeoutMs: TIMEOUTS.action, what: `${PROVIDER_LABEL[provider]} "${label}" ${expanded ? 'expanded' : 'collapsed'}` },
    );
  }

  /** Collapses every expanded group, so the whole tree fits on screen again. */
  async collapseAllGroups(): Promise<void> {
    for (const provider of ['brightData', 'anchor'] as const) {
      for (const row of (await this.section(provider)).rows) {
        if (isGroup(row) && row.expanded) await this.setGroupExpanded(provider, row.label, false);
      }
    }
  }

  /** Clicks the n-th (0-based) session row of a group, which runs the row's command. */
  async clickSession(provider: ProviderId, group: string, position: number): Promise<void> {
    await (await this.sessionRowLocator(provider, group, position)).click();
  }

  /** The n-th (0-based) session row of a group, once the group has rendered it. */
  async sessionRowLocator(provider: ProviderId, group: string, position: number): Promise<Locator> {
    const children = await pollUntil(
      () => this.groupChildren(provider, group),
      (rows) => rows[position] !== undefined && !isLoadMore(rows[position]),
      { timeoutMs: TIMEOUTS.tree, what: `${PROVIDER_LABEL[provider]} "${group}" session row ${position}` },
    );
    return this.rowLocator(children[position]);
  }

  /** Set API Key… from the command palette: provider quick pick, then the password input box. */
  async setApiKey(providerLabel: string, key: string): Promise<void> {
    await this.workbench.runCommand('Browser Sessions: Set API Key…');
    await this.workbench.pickQuickItem(providerLabel);
    await this.enterKey(providerLabel, key);
  }

  /** Fills the open API key input box, which must be a password box for that provider. */
  async enterKey(providerLabel: string, key: string): Promise<void> {
    const page = this.workbench.page;
    await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: `${providerLabel} API key` }).waitFor();
    await page.locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor();
    await this.workbench.fillInput(key);
    await this.workbench.waitForNotification(`${providerLabel} API key saved.`);
  }

  /** The view's description (the active filters); VS Code renders it in the pane header. */
  description(): Promise<string> {
    return this.workbench.viewDescription();
  }

  async waitForDescription(expected: string): Promise<void> {
    await pollUntilEqual(() => this.description(), expected, { timeoutMs: TIMEOUTS.action, what: 'the view description' });
  }
}

function isGroup(row: TreeRow): boolean {
  return row.level === 2 && row.expanded !== undefined;
}

function isLoadMore(row: TreeRow): boolean {
  return row.label === 'Load more' || row.label === 'Loading…';
}
