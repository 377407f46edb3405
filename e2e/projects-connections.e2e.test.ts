import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemo } from '../app/demo/create-demo.ts';
import type { LandfallApi } from '../shared/ipc/api.ts';
import { useDesigner } from './harness.ts';
import { ConnectionsPage } from './pages/connections-page.ts';
import { EntitiesPage } from './pages/entities-page.ts';
import { ProjectsPage } from './pages/projects-page.ts';

const designer = useDesigner();

describe('designer: projects and connections', { timeout: 120_000 }, () => {
  it('creates the demo project', async () => {
    const { page, folder } = designer();
    const projects = new ProjectsPage(page);
    await projects.createDemo(join(folder, 'demo', 'sales.landfall'), 'Sales demo');

    await expect.poll(() => projects.shell.openProject.innerText()).toContain('Sales demo');
    await expect.poll(() => projects.shell.openProject.innerText()).toContain('Valid');
    const entities = new EntitiesPage(page);
    await expect.poll(() => entities.names()).toEqual(['customer', 'product', 'sales_order', 'sales_order_line']);
    await designer().screenshot('entities of the demo');

    await projects.shell.go('Projects');
    await projects.recent('Sales demo').waitFor();
    const current = page.getByRole('region', { name: 'Current project' });
    await expect.poll(() => current.innerText()).toMatch(/3 connections[\s\S]*4 entities[\s\S]*4 extracts/);
    await designer().screenshot('projects screen');
  });

  it('creates a project where the file dialog chose, and names an invented path it refuses', async () => {
    const { page, folder } = designer();
    const projects = new ProjectsPage(page);
    const chosen = join(folder, 'picked', 'chosen.landfall');
    designer().dialogAnswers.push(chosen);
    await projects.shell.go('Projects');
    const card = page.getByRole('region', { name: 'New project' });
    await card.getByRole('button', { name: 'Choose where…' }).click();
    await expect.poll(() => card.getByRole('textbox', { name: 'New project file' }).inputValue()).toBe(chosen);
    await card.getByRole('button', { name: 'Create empty project' }).click();
    await projects.shell.title('Entities').waitFor();
    expect((await designer().handlers['project:current'](undefined))?.path).toBe(chosen);
    // Page script that names a path of its own, as the designer never does, is refused.
    const refused = await page.evaluate((path) => (globalThis as unknown as { landfall: LandfallApi }).landfall.createProject({ path }).then(() => 'created', (error: Error) => error.message), join(folder, 'invented.landfall'));
    expect(refused).toContain('was neither chosen in the file dialog nor typed in a field');
  });

  it('adds a SQLite connection and tests it against the server', async () => {
    const { page, folder } = designer();
    // The demo's sample source, made beside (not inside) the project under test.
    (await createDemo(join(folder, 'demo', 'sales.landfall'))).close();
    const source = join(folder, 'demo', 'sales-source.sqlite');

    const projects = new ProjectsPage(page);
    mkdirSync(join(folder, 'empty'));
    await projects.createEmpty(join(folder, 'empty', 'warehouse.landfall'), 'Empty project');
    const connections = new ConnectionsPage(page);
    await connections.open();
    await connections.startNew();
    await connections.setName('sales');
    await connections.setKind('SQLite');
    await connections.input('Database file').fill(join(folder, 'demo', 'missing.sqlite'));
    expect(await connections.test()).toMatch(/Could not connect[\s\S]*missing\.sqlite/);

    await connections.input('Database file').fill(source);
    const answer = await connections.test();
    expect(answer).toMatch(/^Connected in \d+ ms: SQLite 3\.\d+\.\d+/);
    await designer().screenshot('test answered');

    await connections.save();
    await connections.entry('sales').waitFor();
    await page.getByRole('heading', { name: 'Connection sales' }).waitFor();
    const saved = await designer().handlers['project:current'](undefined);
    expect(saved?.project.connections).toEqual([{ name: 'sales', kind: 'sqlite', path: source }]);
    await designer().screenshot('connection saved');
  });

  it('fills a SQLite file and a lake folder from the native dialog, which main then needs no confirmation for', async () => {
    const { page, folder } = designer();
    (await createDemo(join(folder, 'demo', 'sales.landfall'))).close();
    const source = join(folder, 'demo', 'sales-source.sqlite');
    const lake = join(folder, 'lake');
    mkdirSync(lake);
    mkdirSync(join(folder, 'empty'));
    await new ProjectsPage(page).createEmpty(join(folder, 'empty', 'browse.landfall'), 'Browse');
    const connections = new ConnectionsPage(page);
    await connections.open();
    await connections.startNew();
    await connections.setName('sales');
    await connections.setKind('SQLite');
    designer().dialogAnswers.push(source);
    await connections.form.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => connections.input('Database file').inputValue()).toBe(source);
    expect(await connections.test()).toMatch(/^Connected in \d+ ms: SQLite 3\./);
    await connections.save();
    await connections.entry('sales').waitFor();

    await connections.startNew();
    await connections.setName('lake');
    await connections.setKind('Local folder');
    designer().dialogAnswers.push(lake);
    await connections.form.getByRole('button', { name: 'Browse…' }).click();
    await expect.poll(() => connections.input('Folder').inputValue()).toBe(lake);
    await designer().screenshot('folder chosen in the dialog');
    await connections.save();
    await connections.entry('lake').waitFor();
    const saved = await designer().handlers['project:current'](undefined);
    expect(saved?.project.connections).toEqual([{ name: 'lake', kind: 'localfs', path: lake }, { name: 'sales', kind: 'sqlite', path: source }]);
    // Chosen in the dialog, not typed: main asked the user about neither path.
    const asked = designer().confirmations.map((c) => c.path);
    expect(asked).not.toContain(source);
    expect(asked).not.toContain(lake);
  });
});
