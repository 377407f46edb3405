/**
 * Column builders: one per column, each with its own loop over the rows (monomorphic, no per-row
 * allocation) writing into typed arrays that are reused from one row group to the next, handed to
 * Arrow as views. Each also counts its raw bytes (the size of their PLAIN encoding) for the sizing.
 *
 * Values come either as the engine's row values (`append`, one column over a slice of rows) or as
 * the fields of PostgreSQL binary COPY tuples (`appendFields`, one column over a slice of tuples: big-endian
 * integers, IEEE floats, microseconds and days since 2000-01-01, NUMERIC base-10000 digits, UTF-8
 * bytes), copied without going through text. The server has checked those values against the
 * column's type (shared/sql/steps/copy-out.ts); the decoders check only the field sizes.
 */
import * as arrow from 'apache-arrow';
import type { ColumnType } from '../../shared/model/column-type.ts';
import type { FileColumn, Row } from './file-builder.ts';
import type { TupleFields } from './pg-binary-tuples.ts';
import {
  MICROS_PER_DAY, parseDateTime, parseDays, parseDateTimeOffset, parseTime, temporalParts, type TemporalParser, type TemporalParts,
} from './temporal-text.ts';
/** One column of a row group being gathered raw, before parquet-wasm encodes it. */
export abstract class ColumnBuilder {
  /** Raw bytes of the values held (the size of their PLAIN encoding). */
  dataBytes = 0;
  nullCount = 0;
  protected validity = new Uint8Array(128);
  protected capacity = 1024;

  constructor(readonly field: arrow.Field, protected readonly column: FileColumn) {}

  /** Appends `rows[from..to)[c]` at row `at` of the group. */
  abstract append(rows: readonly Row[], from: number, to: number, c: number, at: number): void;
  /**
   * Appends field `c` of the binary COPY tuples `fields` locates, at rows `at…` of the group; room
   * for them must have been made with `reserve`. NULLs are marked here; the values are decoded by
   * each builder's own loop (`decodeFields`), so that its decoding inlines (see TupleFields).
   */
  appendFields(fields: TupleFields, c: number, at: number): void {
    const { sizes, width, count } = fields;
    const { validity } = this;
    let nulls = 0;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (sizes[j]! < 0) nulls++;
      else validity[i >> 3]! |= 1 << (i & 7);
    }
    this.nullCount += nulls;
    this.dataBytes += this.decodeFields(fields, c, at, count - nulls);
  }
  /** Stores the non-NULL values of field `c` of the located tuples from row `at` on; returns their raw bytes. */
  protected abstract decodeFields(fields: TupleFields, c: number, at: number, nonNull: number): number;
  /** The Arrow data of the first `length` rows (views of the builder's buffers). */
  abstract data(length: number): arrow.Data;
  protected abstract grow(capacity: number): void;
  /** Raw bytes of rows `keep..held`, which hold `nonNull` values, being taken back. */
  protected abstract removed(keep: number, held: number, nonNull: number): number;

  /** Takes back rows `keep..held` (the last slice appended). */
  truncate(keep: number, held: number): void {
    const { validity } = this;
    let nonNull = 0;
    for (let i = keep; i < held; i++) {
      const mask = 1 << (i & 7);
      const byte = validity[i >> 3]!;
      if (byte & mask) {
        nonNull++;
        validity[i >> 3] = byte & ~mask;
      }
    }
    this.nullCount -= held - keep - nonNull;
    this.dataBytes -= this.removed(keep, held, nonNull);
  }

  reset(): void {
    this.validity.fill(0);
    this.nullCount = 0;
    this.dataBytes = 0;
  }

  release(): void {
    this.capacity = 0;
    this.validity = new Uint8Array(0);
    this.grow(0);
    this.reset();
  }

  /** Makes room for `rows` rows in the group. */
  reserve(rows: number): void {
    this.ensure(rows);
  }

  protected ensure(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = Math.max(this.capacity * 2, 1024);
    while (capacity < rows) capacity *= 2;
    const validity = new Uint8Array(capacity >> 3);
    validity.set(this.validity);
    this.validity = validity;
    this.grow(capacity);
    this.capacity = capacity;
  }

  protected make(length: number, props: object): arrow.Data {
    return arrow.makeData({
      type: this.field.type, length, nullCount: this.nullCount, nullBitmap: this.validity.subarray(0, (length + 7) >> 3), ...props,
    } as never);
  }

  /** A binary COPY field whose size does not fit the column's type: the COPY and the columns disagree. */
  protected badField(size: number, expected: string): Error {
    return new Error(`column "${this.column.name}": the binary COPY field has ${size} bytes, expected ${expected}`);
  }

  /** Whether a fixed-size binary COPY field holds a value (false: NULL); a field of another size is refused. */
  protected present(size: number, expected: number): boolean {
    if (size < 0) return false;
    if (size !== expected) throw this.badField(size, String(expected));
    return true;
  }

  protected invalid(value: unknown, expected: string): Error {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) : String(value);
    return new Error(`column "${this.column.name}": expected ${expected}, got ${typeof value} ${shown}`);
  }
}

type TypedArray = Uint8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A new array of length `n` starting with the values of `old`. */
function grown<T extends TypedArray>(old: T, make: (n: number) => T, n: number): T {
  const next = make(n);
  (next as { set(values: ArrayLike<number>): void }).set(old.subarray(0, Math.min(old.length, n)));
  return next;
}

class BooleanBuilder extends ColumnBuilder {
  private bits = new Uint8Array(128);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, bits } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'boolean') throw this.invalid(v, 'a boolean');
      validity[i >> 3]! |= 1 << (i & 7);
      if (v) bits[i >> 3]! |= 1 << (i & 7);
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) / 8;
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    const { bits } = this;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (!this.present(sizes[j]!, 1)) continue;
      if (buffers[k]![starts[j]!] !== 0) bits[i >> 3]! |= 1 << (i & 7);
    }
    return nonNull / 8;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.bits.subarray(0, (length + 7) >> 3) }); }
  protected grow(capacity: number): void { this.bits = grown(this.bits, (n) => new Uint8Array(n), capacity >> 3); }
  override reset(): void { super.reset(); this.bits.fill(0); }
  protected removed(keep: number, held: number, nonNull: number): number {
    for (let i = keep; i < held; i++) this.bits[i >> 3]! &= ~(1 << (i & 7));
    return nonNull / 8;
  }
}

type NumberArray = Int16Array | Int32Array | Float32Array | Float64Array;

/** How a number column's binary COPY field is read: its size and the big-endian reader. */
interface NumberWire {
  readonly size: number;
  readonly read: (buffer: Buffer, at: number) => number;
}
const INT2: NumberWire = { size: 2, read: (b, at) => b.readInt16BE(at) };
const INT4: NumberWire = { size: 4, read: (b, at) => b.readInt32BE(at) };
const FLOAT4: NumberWire = { size: 4, read: (b, at) => b.readFloatBE(at) };
const FLOAT8: NumberWire = { size: 8, read: (b, at) => b.readDoubleBE(at) };

/** smallint, int, float, double: numbers stored as they are (after a range check for integers). */
class NumberBuilder extends ColumnBuilder {
  private values: NumberArray;
  constructor(
    field: arrow.Field, column: FileColumn, private readonly alloc: (n: number) => NumberArray,
    private readonly check: (v: number) => boolean, private readonly width: number, private readonly expected: string,
    private readonly wire: NumberWire,
  ) {
    super(field, column);
    this.values = alloc(this.capacity);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values, check } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'number' || !check(v)) throw this.invalid(v, this.expected);
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = v;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * this.width;
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    const { values } = this;
    const { read, size: expected } = this.wire;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (!this.present(sizes[j]!, expected)) continue;
      values[i] = read(buffers[k]!, starts[j]!);
    }
    return nonNull * this.width;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void { this.values = grown(this.values, this.alloc, capacity); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

class BigIntBuilder extends ColumnBuilder {
  private values = new BigInt64Array(this.capacity);
  /** The same memory as 32-bit words (little-endian), for binary COPY values without a bigint. */
  private words = new Int32Array(this.values.buffer);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'bigint' || v !== BigInt.asIntN(64, v)) throw this.invalid(v, 'a 64-bit bigint');
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = v;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 8;
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    const { words } = this;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (!this.present(sizes[j]!, 8)) continue;
      const buffer = buffers[k]!;
      const start = starts[j]!;
      words[2 * i] = buffer.readInt32BE(start + 4);
      words[2 * i + 1] = buffer.readInt32BE(start);
    }
    return nonNull * 8;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void {
    const next = new BigInt64Array(capacity);
    next.set(this.values.subarray(0, Math.min(capacity, this.values.length)));
    this.values = next;
    this.words = new Int32Array(next.buffer);
  }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 8; }
}

/** Within this many days of 1970, days * MICROS_PER_DAY + a day's micros is a safe integer. */
const SAFE_DAYS = 104_000;

const TWO_32 = 4294967296;
/** PostgreSQL counts timestamps from 2000-01-01; Parquet from 1970-01-01: this many microseconds apart. */
const PG_EPOCH_MICROS = 946_684_800_000_000;
/** PostgreSQL counts dates from 2000-01-01; Parquet from 1970-01-01: this many days apart. */
const PG_EPOCH_DAYS = 10_957;

/** time, datetime, datetimeoffset: 64-bit microseconds parsed from text. */
class MicrosBuilder extends ColumnBuilder {
  private words = new Int32Array(this.capacity * 2);
  /** Where `parse` leaves each value: one object for the column, reused for every row. */
  private readonly parts: TemporalParts = temporalParts();
  private readonly epochHigh: number;
  private readonly epochLow: number;
  /** `epochMicros`: what to add to a binary COPY value (timestamps: from 2000 to 1970; times: 0). */
  constructor(field: arrow.Field, column: FileColumn, private readonly parse: TemporalParser, private readonly expected: string, epochMicros: number) {
    super(field, column);
    this.epochHigh = Math.floor(epochMicros / TWO_32);
    this.epochLow = epochMicros - this.epochHigh * TWO_32;
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    const { words, epochLow, epochHigh } = this;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (!this.present(sizes[j]!, 8)) continue;
      const buffer = buffers[k]!;
      const start = starts[j]!;
      // A 64-bit add in two 32-bit words: the values pass 2^53, so not through a double.
      const low = buffer.readUInt32BE(start + 4) + epochLow;
      const carry = low >= TWO_32 ? 1 : 0;
      words[2 * i] = low - carry * TWO_32;
      words[2 * i + 1] = buffer.readInt32BE(start) + epochHigh + carry;
    }
    return nonNull * 8;
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, words, parse, parts } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'string' || !parse(v, parts)) throw this.invalid(v, this.expected);
      const days = parts.days;
      const partMicros = parts.micros;
      validity[i >> 3]! |= 1 << (i & 7);
      if (days > -SAFE_DAYS && days < SAFE_DAYS) {
        const x = days * MICROS_PER_DAY + partMicros;
        const hi = Math.floor(x / 4294967296);
        words[2 * i] = x - hi * 4294967296;
        words[2 * i + 1] = hi;
      } else {
        const x = BigInt.asUintN(64, BigInt(days) * BigInt(MICROS_PER_DAY) + BigInt(partMicros));
        words[2 * i] = Number(x & 0xffffffffn);
        words[2 * i + 1] = Number(x >> 32n);
      }
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 8;
  }
  data(length: number): arrow.Data {
    return this.make(length, { data: new BigInt64Array(this.words.buffer, 0, length) });
  }
  protected grow(capacity: number): void { this.words = grown(this.words, (n) => new Int32Array(n), capacity * 2); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 8; }
}

class DateBuilder extends ColumnBuilder {
  private values = new Int32Array(this.capacity);
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, values } = this;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      const days = typeof v === 'string' && v.length === 10 ? parseDays(v) : NaN;
      if (Number.isNaN(days)) throw this.invalid(v, 'a date YYYY-MM-DD');
      validity[i >> 3]! |= 1 << (i & 7);
      values[i] = days;
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * 4;
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    const { values } = this;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      if (!this.present(sizes[j]!, 4)) continue;
      values[i] = buffers[k]!.readInt32BE(starts[j]!) + PG_EPOCH_DAYS;
    }
    return nonNull * 4;
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void { this.values = grown(this.values, (n) => new Int32Array(n), capacity); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 4; }
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * decimal(p,s) from exact text: the unscaled integer as a 128-bit two's complement value. Up to
 * 15 significant digits it is computed with doubles (exact below 2^53); beyond, with a bigint.
 */
class DecimalBuilder extends ColumnBuilder {
  private words = new Uint32Array(this.capacity * 4);
  private readonly width: number;
  constructor(field: arrow.Field, column: FileColumn, private readonly precision: number, private readonly scale: number) {
    super(field, column);
    // arrow-rs stores precision <= 9 as INT32, <= 18 as INT64, else as the fewest bytes that fit.
    this.width = precision <= 9 ? 4 : precision <= 18 ? 8 : Math.ceil((precision * Math.log2(10) + 1) / 8);
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, words, scale } = this;
    const maxIntegerDigits = this.precision - scale;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) { nulls++; continue; }
      if (typeof v !== 'string') throw this.invalid(v, `decimal(${this.precision},${scale}) text`);
      // One pass: sign, digits (leading zeros skipped), one optional point.
      const length = v.length;
      let k = 0;
      const negative = v.charCodeAt(0) === 45;
      if (negative || v.charCodeAt(0) === 43) k = 1;
      let value = 0;
      let significant = 0;
      let integerDigits = 0;
      let fractionDigits = -1;
      let digits = 0;
      for (; k < length; k++) {
        const ch = v.charCodeAt(k);
        if (ch === 46 && fractionDigits < 0) { fractionDigits = 0; continue; }
        const d = ch - 48;
        if (d < 0 || d > 9) { digits = -1; break; }
        digits++;
        if (fractionDigits >= 0) fractionDigits++;
        if (significant > 0 || d !== 0) {
          significant++;
          if (fractionDigits < 0) integerDigits++;
          if (significant <= 15) value = value * 10 + d;
        }
      }
      if (fractionDigits < 0) fractionDigits = 0;
      if (digits <= 0 || fractionDigits > scale || integerDigits > maxIntegerDigits) {
        throw this.invalid(v, `decimal(${this.precision},${scale}) text`);
      }
      validity[i >> 3]! |= 1 << (i & 7);
      const w = i * 4;
      const pad = scale - fractionDigits;
      if (significant + pad <= 15) {
        const x = negative ? -value * POWERS_OF_TEN[pad]! : value * POWERS_OF_TEN[pad]!;
        const hi = Math.floor(x / 4294967296);
        words[w] = x - hi * 4294967296;
        words[w + 1] = hi;
        words[w + 2] = words[w + 3] = x < 0 ? 0xffffffff : 0;
      } else {
        const dot = v.indexOf('.');
        let x = BigInt((dot < 0 ? v : v.slice(0, dot) + v.slice(dot + 1)) + '0'.repeat(pad));
        for (let j = 0; j < 4; j++) {
          words[w + j] = Number(x & 0xffffffffn);
          x >>= 32n;
        }
      }
    }
    this.nullCount += nulls;
    this.dataBytes += (to - from - nulls) * this.width;
  }
  /**
   * NUMERIC on the wire: ndigits, weight, sign, dscale (int16 each), then base-10000 digits, the
   * first worth 10000^weight. The unscaled value, digits × 10^(4·(weight − k) + scale), is built in
   * four 32-bit limbs by multiply-adds small enough for doubles, so no bigint per value.
   */
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number, nonNull: number): number {
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      const size = sizes[j]!;
      if (size >= 0) this.decodeNumeric(buffers[k]!, starts[j]!, size, i);
    }
    return nonNull * this.width;
  }
  private decodeNumeric(buffer: Buffer, at: number, size: number, i: number): void {
    const count = size >= 8 ? buffer.readInt16BE(at) : -1;
    if (count < 0 || size !== 8 + 2 * count) throw this.badField(size, '8 + 2 per NUMERIC digit');
    const weight = buffer.readInt16BE(at + 2);
    const sign = buffer.readUInt16BE(at + 4);
    if (sign !== 0 && sign !== 0x4000) throw new Error(`column "${this.column.name}": the binary COPY NUMERIC is not a finite number`);
    const { words } = this;
    const w = i * 4;
    let exponent = 4 * (weight - count + 1) + this.scale;
    if (exponent > -4 && exponent < POWERS_OF_TEN.length) {
      const small = smallNumeric(buffer, at, count, exponent);
      if (small >= 0) {
        // Below 2^53, exactly as the text path's doubles: two's complement in four words.
        const x = sign === 0x4000 ? -small : small;
        const hi = Math.floor(x / TWO_32);
        words[w] = x - hi * TWO_32;
        words[w + 1] = hi;
        words[w + 2] = words[w + 3] = x < 0 ? 0xffffffff : 0;
        return;
      }
    }
    words[w] = words[w + 1] = words[w + 2] = words[w + 3] = 0;
    // The last digit may reach beyond the scale by up to 3 places (PostgreSQL drops zero digits at
    // the end); the cast to NUMERIC(p,s) left zeros there, divided off before they could overflow.
    const last = exponent < 0 && exponent > -4 ? count - 1 : count;
    for (let k = 0; k < last; k++) multiplyAdd(words, w, 10000, buffer.readUInt16BE(at + 8 + 2 * k));
    if (last < count) {
      multiplyAdd(words, w, POWERS_OF_TEN[4 + exponent]!, Math.floor(buffer.readUInt16BE(at + 8 + 2 * last) / POWERS_OF_TEN[-exponent]!));
      exponent = 0;
    }
    for (; exponent >= 4; exponent -= 4) multiplyAdd(words, w, 10000, 0);
    if (exponent > 0) multiplyAdd(words, w, POWERS_OF_TEN[exponent]!, 0);
    for (; exponent < 0; exponent += 4) divide(words, w, POWERS_OF_TEN[Math.min(4, -exponent)]!);
    if (sign === 0x4000) negate(words, w);
  }
  data(length: number): arrow.Data { return this.make(length, { data: this.words.subarray(0, length * 4) }); }
  protected grow(capacity: number): void { this.words = grown(this.words, (n) => new Uint32Array(n), capacity * 4); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

/** The largest value for which `v * 10000 + 9999` is still exact in a double. */
const SMALL_DIGITS_BOUND = (Number.MAX_SAFE_INTEGER - 9999) / 10000;

/**
 * The unscaled value of a binary COPY NUMERIC's `count` base-10000 digits at `buffer[at + 8]`,
 * scaled by 10^`exponent` (-3..15; a negative exponent drops zeros the cast left in the last
 * digit), when every step stays an exact integer in a double; -1 when it would not (then the
 * four-limb path computes it). Most values (money, quantities) take this path: the limbs' divisions
 * were a fifth of the narrow Parquet arm's decoding.
 */
function smallNumeric(buffer: Buffer, at: number, count: number, exponent: number): number {
  const last = exponent < 0 ? count - 1 : count;
  let v = 0;
  for (let k = 0; k < last; k++) {
    if (v > SMALL_DIGITS_BOUND) return -1;
    v = v * 10000 + buffer.readUInt16BE(at + 8 + 2 * k);
  }
  if (exponent < 0) {
    if (last < 0) return 0;
    const factor = POWERS_OF_TEN[4 + exponent]!;
    if (v > (Number.MAX_SAFE_INTEGER - factor) / factor) return -1;
    return v * factor + Math.floor(buffer.readUInt16BE(at + 8 + 2 * last) / POWERS_OF_TEN[-exponent]!);
  }
  const factor = POWERS_OF_TEN[exponent]!;
  return v > Number.MAX_SAFE_INTEGER / factor ? -1 : v * factor;
}

/** `limbs[w..w+4)` (little-endian 32-bit) = limbs × factor + add; factor and add below 2^20. */
function multiplyAdd(limbs: Uint32Array, w: number, factor: number, add: number): void {
  let carry = add;
  for (let j = w; j < w + 4; j++) {
    const t = limbs[j]! * factor + carry;
    carry = Math.floor(t / TWO_32);
    limbs[j] = t - carry * TWO_32;
  }
}

/** `limbs[w..w+4)` = limbs ÷ divisor (exact), divisor below 2^20. */
function divide(limbs: Uint32Array, w: number, divisor: number): void {
  let rest = 0;
  for (let j = w + 3; j >= w; j--) {
    const t = rest * TWO_32 + limbs[j]!;
    const q = Math.floor(t / divisor);
    rest = t - q * divisor;
    limbs[j] = q;
  }
}

/** Two's complement negation of `limbs[w..w+4)`. */
function negate(limbs: Uint32Array, w: number): void {
  let carry = 1;
  for (let j = w; j < w + 4; j++) {
    const t = (~limbs[j]! >>> 0) + carry;
    carry = t >= TWO_32 ? 1 : 0;
    limbs[j] = t - carry * TWO_32;
  }
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');
/**
 * Values up to this many bytes are copied by a loop: `Buffer.copy` crosses into C++ once per call,
 * and for short text that call was the cost (profile of the Parquet arm: 472 ms self time for the
 * 2M text values of 1M narrow rows; 2M copies of 8–32 bytes took 0.25–0.43 s by loop against
 * 0.94–1.48 s by copy; from 64 bytes on the copy wins).
 */
const SHORT_COPY = 48;

/** string, uuid (UTF-8) and binary: offsets plus one byte buffer. */
class BytesBuilder extends ColumnBuilder {
  private offsets = new Int32Array(this.capacity + 1);
  private bytes: Buffer = Buffer.allocUnsafe(64 * 1024);
  /** `uuid`: binary COPY sends 16 bytes, the column holds the lower-case text form. */
  constructor(field: arrow.Field, column: FileColumn, private readonly text: boolean, private readonly uuid = false) {
    super(field, column);
  }
  protected decodeFields({ buffers, starts, sizes, width, count }: TupleFields, c: number, at: number): number {
    const { offsets, uuid } = this;
    let bytes = this.bytes;
    let end = offsets[at]!;
    const first = end;
    let values = 0;
    for (let k = 0, j = c, i = at; k < count; k++, j += width, i++) {
      const size = sizes[j]!;
      // A NULL still ends where it starts, for the next value's offset.
      if (size < 0) {
        offsets[i + 1] = end;
        continue;
      }
      values++;
      const buffer = buffers[k]!;
      const from = starts[j]!;
      if (uuid) {
        if (size !== 16) throw this.badField(size, '16');
        if (end + 36 > bytes.length) bytes = this.growBytes(end, 36);
        for (let b = 0; b < 16; b++) {
          if (b === 4 || b === 6 || b === 8 || b === 10) bytes[end++] = 45;
          const byte = buffer[from + b]!;
          bytes[end++] = HEX[byte >> 4]!;
          bytes[end++] = HEX[byte & 15]!;
        }
      } else {
        if (end + size > bytes.length) bytes = this.growBytes(end, size);
        if (size <= SHORT_COPY) for (let b = 0; b < size; b++) bytes[end + b] = buffer[from + b]!;
        else buffer.copy(bytes, end, from, from + size);
        end += size;
      }
      offsets[i + 1] = end;
    }
    return end - first + values * 4;
  }
  append(rows: readonly Row[], from: number, to: number, c: number, at: number): void {
    this.ensure(at + to - from);
    const { validity, offsets } = this;
    let bytes = this.bytes;
    let end = offsets[at]!;
    const start = end;
    let nulls = 0;
    for (let r = from, i = at; r < to; r++, i++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) {
        nulls++;
      } else if (this.text) {
        if (typeof v !== 'string') throw this.invalid(v, 'a string');
        const length = v.length;
        if (end + length * 3 > bytes.length) bytes = this.growBytes(end, length * 3);
        // ASCII by hand (no call per value); other text by Buffer, from the start.
        let k = 0;
        for (; k < length; k++) {
          const ch = v.charCodeAt(k);
          if (ch >= 128) break;
          bytes[end + k] = ch;
        }
        end += k === length ? length : bytes.write(v, end);
        validity[i >> 3]! |= 1 << (i & 7);
      } else {
        if (!(v instanceof Uint8Array)) throw this.invalid(v, 'a Uint8Array');
        if (end + v.length > bytes.length) bytes = this.growBytes(end, v.length);
        bytes.set(v, end);
        end += v.length;
        validity[i >> 3]! |= 1 << (i & 7);
      }
      offsets[i + 1] = end;
    }
    this.nullCount += nulls;
    this.dataBytes += end - start + (to - from - nulls) * 4;
  }
  data(length: number): arrow.Data {
    return this.make(length, { valueOffsets: this.offsets.subarray(0, length + 1), data: this.bytes.subarray(0, this.offsets[length]!) });
  }
  override reset(): void { super.reset(); this.offsets[0] = 0; }
  protected removed(keep: number, held: number, nonNull: number): number {
    return this.offsets[held]! - this.offsets[keep]! + nonNull * 4;
  }
  protected grow(capacity: number): void {
    this.offsets = grown(this.offsets, (n) => new Int32Array(n), capacity + 1);
    if (capacity === 0) this.bytes = Buffer.alloc(0);
  }
  private growBytes(used: number, more: number): Buffer {
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, used + more));
    this.bytes.copy(next, 0, 0, used);
    this.bytes = next;
    return next;
  }
}

const isInt32 = (v: number): boolean => (v | 0) === v;
const isInt16 = (v: number): boolean => (v << 16) >> 16 === v;
const isNumber = (): boolean => true;

/** The builder for one column, by its type. */
export function columnBuilder(column: FileColumn): ColumnBuilder {
  const type: ColumnType = column.type;
  const field = (t: arrow.DataType): arrow.Field => new arrow.Field(column.name, t, true);
  switch (type.kind) {
    case 'boolean': return new BooleanBuilder(field(new arrow.Bool()), column);
    case 'smallint': return new NumberBuilder(field(new arrow.Int16()), column, (n) => new Int16Array(n), isInt16, 4, 'a smallint number', INT2);
    case 'int': return new NumberBuilder(field(new arrow.Int32()), column, (n) => new Int32Array(n), isInt32, 4, 'an int number', INT4);
    case 'float': return new NumberBuilder(field(new arrow.Float32()), column, (n) => new Float32Array(n), isNumber, 4, 'a number', FLOAT4);
    case 'double': return new NumberBuilder(field(new arrow.Float64()), column, (n) => new Float64Array(n), isNumber, 8, 'a number', FLOAT8);
    case 'bigint': return new BigIntBuilder(field(new arrow.Int64()), column);
    case 'decimal': return new DecimalBuilder(field(new arrow.Decimal(type.scale, type.precision, 128)), column, type.precision, type.scale);
    case 'date': return new DateBuilder(field(new arrow.DateDay()), column);
    case 'time': return new MicrosBuilder(field(new arrow.TimeMicrosecond()), column, parseTime, 'a time HH:MM:SS[.ffffff]', 0);
    case 'datetime': return new MicrosBuilder(field(new arrow.TimestampMicrosecond()), column, parseDateTime, 'a datetime YYYY-MM-DD HH:MM:SS[.ffffff]', PG_EPOCH_MICROS);
    case 'datetimeoffset':
      return new MicrosBuilder(field(new arrow.TimestampMicrosecond('UTC')), column, parseDateTimeOffset, 'a datetimeoffset YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM', PG_EPOCH_MICROS);
    case 'string': return new BytesBuilder(field(new arrow.Utf8()), column, true);
    case 'uuid': return new BytesBuilder(field(new arrow.Utf8()), column, true, true);
    case 'binary': return new BytesBuilder(field(new arrow.Binary()), column, false);
  }
}
