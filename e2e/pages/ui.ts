/** Small helpers the page objects share: MUI selects by label, field errors, waiting for text. */
import type { Locator, Page } from 'playwright-core';

/** How long a page object waits for the app (the engine, a build of the SQL) before failing. */
export const PATIENCE_MS = 60_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name that starts with `label` as a whole word: "Format" and not "File format". */
export const named = (label: string): RegExp => new RegExp(`^${escape(label)}(\\s|$)`);

type Scope = Page | Locator;

/** Picks `option` in the MUI select labelled `label` (a combobox whose name starts with the label). */
export async function choose(scope: Scope, page: Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: named(label) }).click();
  const listbox = page.getByRole('listbox');
  await listbox.getByRole('option', { name: option, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

/** The text field labelled `label` (exactly). */
export function field(scope: Scope, label: string): Locator {
  return scope.getByLabel(label, { exact: true });
}

/** The message shown under a field: its accessible description (MUI links the helper text to the input). */
export async function fieldMessage(input: Locator): Promise<string> {
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => input.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

/**
 * The text of a Monaco editor as it renders it: its view lines in order of their position (Monaco
 * reuses line elements, so the DOM order is not the text order). Previews grow with their text, so
 * every line is rendered.
 */
export async function monacoText(editor: Locator): Promise<string> {
  const rows = await editor.locator('.view-lines .view-line').evaluateAll((elements) =>
    elements.map((element) => {
      const line = element as unknown as { style: { top: string }; textContent: string | null };
      return { top: Number.parseFloat(line.style.top) || 0, text: line.textContent ?? '' };
    }),
  );
  return rows
    .sort((a, b) => a.top - b.top)
    .map((row) => row.text.replace(/\u00a0/g, ' '))
    .join('\n');
}
