/**
 * The demo's source system: a small sales database (customers, products, orders, order lines)
 * in SQLite, generated from a fixed seed so the same anchor date always gives the same rows.
 * Values include quotes, unicode and NULLs on purpose: the demo exercises what real data does.
 */
import Database from 'better-sqlite3';
import { sqliteBinding } from '../../engine/sqlite-binding.ts';

/** mulberry32: a tiny, well-known deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Bjørn', 'Chloé', 'Dmitri', 'Eun-ji', 'Farah', 'Giulia', 'Hiroshi', 'Ines', 'Jamal', 'Kai', 'Léa', 'Mateo', 'Nia', 'Oisín', 'Priya', 'Quinn', 'Rafael', 'Siobhán', 'Tomasz', 'Uma', 'Văn', 'Wen', 'Xóchitl', 'Yusuf', 'Zoë'];
const LAST = ["O'Brien", 'Müller', 'Nakamura', 'García', 'Okafor', 'Kowalski', 'Dubois', 'Smith', 'Løvås', 'Haddad', 'Rossi', "D'Angelo", 'Nguyễn', 'Svensson', 'Costa'];
const CITIES: readonly [string, string][] = [
  ['Auckland', 'NZ'], ['São Paulo', 'BR'], ['Zürich', 'CH'], ['Osaka', 'JP'], ['Lagos', 'NG'], ['Kraków', 'PL'],
  ['Montréal', 'CA'], ['Reykjavík', 'IS'], ['Melbourne', 'AU'], ['Seattle', 'US'], ['Dublin', 'IE'], ['Chennai', 'IN'],
];
const CATEGORIES = ['Hardware', 'Garden', 'Kitchen', 'Toys', 'Books', 'Outdoor "Pro"'];
const NOUNS = ['Hammer', 'Trowel', 'Whisk', 'Kite', 'Atlas', 'Lantern', 'Drill', 'Rake', 'Kettle', 'Puzzle', 'Novel', 'Tent'];
const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Heavy-duty', "Kid's", 'Smart', 'Vintage', '12" ', 'Ultra-light'];
const STATUSES = ['new', 'paid', 'shipped', 'delivered', 'cancelled'];

export const DEMO_ROW_COUNTS = { customers: 500, products: 120, orders: 2000 } as const;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD HH:MM:SS`, the text form SQLite's date functions read. */
function sqliteTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Writes the sample source database. Orders are spread over the 365 days up to `anchorDate`
 * (a `YYYY-MM-DD` day), so a Date Range extract with that batch date finds recent orders.
 */
export function writeSampleSource(path: string, anchorDate: string): void {
  const anchor = Date.parse(`${anchorDate}T00:00:00Z`);
  if (Number.isNaN(anchor)) throw new Error(`anchor date "${anchorDate}" is not a YYYY-MM-DD date`);
  const rnd = random(20_261_121);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const timeIn = (fromDaysAgo: number, toDaysAgo: number): number =>
    anchor - fromDaysAgo * DAY_MS + Math.floor(rnd() * (fromDaysAgo - toDaysAgo) * DAY_MS);

  const db = new Database(path, sqliteBinding());
  try {
    db.pragma('journal_mode = DELETE');
    db.exec(`
      CREATE TABLE customers (
        customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, city TEXT, country TEXT,
        created_at TEXT NOT NULL, modified_at TEXT);
      CREATE TABLE products (
        product_id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, category TEXT NOT NULL,
        unit_price NUMERIC NOT NULL, created_at TEXT NOT NULL, modified_at TEXT);
      CREATE TABLE orders (
        order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
        order_date TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT);
      CREATE TABLE order_lines (
        order_id INTEGER NOT NULL REFERENCES orders (order_id), line_number INTEGER NOT NULL,
        product_id INTEGER NOT NULL REFERENCES products (product_id), quantity INTEGER NOT NULL,
        unit_price NUMERIC NOT NULL, discount NUMERIC, created_at TEXT NOT NULL, modified_at TEXT,
        PRIMARY KEY (order_id, line_number));
    `);
    const insertCustomer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertProduct = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertOrder = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)');
    const insertLine = db.prepare('INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const prices: number[] = [];

    db.transaction(() => {
      for (let id = 1; id <= DEMO_ROW_COUNTS.customers; id++) {
        const first = pick(FIRST);
        const last = pick(LAST);
        const [city, country] = pick(CITIES);
        const created = timeIn(730, 365);
        const modified = rnd() < 0.3 ? sqliteTime(created + Math.floor(rnd() * 300 * DAY_MS)) : null;
        const email = rnd() < 0.1 ? null : `${first}.${last}${id}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
        insertCustomer.run(id, `${first} ${last}`, email, city, country, sqliteTime(created), modified);
      }
      for (let id = 1; id <= DEMO_ROW_COUNTS.products; id++) {
        const price = Math.round((2 + rnd() * 400) * 100) / 100;
        prices.push(price);
        const created = timeIn(730, 400);
        const modified = rnd() < 0.2 ? sqliteTime(created + Math.floor(rnd() * 300 * DAY_MS)) : null;
        insertProduct.run(id, `SKU-${String(id).padStart(5, '0')}`, `${pick(ADJECTIVES)} ${pick(NOUNS)}`, pick(CATEGORIES), price, sqliteTime(created), modified);
      }
      for (let id = 1; id <= DEMO_ROW_COUNTS.orders; id++) {
        // Order ids grow with time, as they do in a real system.
        const placed = anchor - Math.floor(((DEMO_ROW_COUNTS.orders - id + rnd()) / DEMO_ROW_COUNTS.orders) * 365 * DAY_MS);
        const status = pick(STATUSES);
        const modified = status === 'new' ? null : sqliteTime(Math.min(anchor - 1000, placed + Math.floor(rnd() * 5 * DAY_MS)));
        insertOrder.run(id, 1 + Math.floor(rnd() * DEMO_ROW_COUNTS.customers), sqliteTime(placed).slice(0, 10), status, sqliteTime(placed), modified);
        const lines = 1 + Math.floor(rnd() * 5);
        for (let line = 1; line <= lines; line++) {
          const product = 1 + Math.floor(rnd() * DEMO_ROW_COUNTS.products);
          const discount = rnd() < 0.25 ? Math.round(rnd() * 20) / 100 : null;
          insertLine.run(id, line, product, 1 + Math.floor(rnd() * 9), prices[product - 1]!, discount, sqliteTime(placed), modified);
        }
      }
    })();
  } finally {
    db.close();
  }
}
