/**
 * Column builders: one per column, each with its own loop over the rows (monomorphic, no per-row
 * allocation) writing into typed arrays that are reused from one row group to the next, handed to
 * Arrow as views. Each also counts its raw bytes (the size of their PLAIN encoding) for the sizing.
 */
import * as arrow from 'apache-arrow';
import type { ColumnType } from '../../shared/model/column-type.ts';
import type { FileColumn, Row } from './file-builder.ts';
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
  data(length: number): arrow.Data { return this.make(length, { data: this.bits.subarray(0, (length + 7) >> 3) }); }
  protected grow(capacity: number): void { this.bits = grown(this.bits, (n) => new Uint8Array(n), capacity >> 3); }
  override reset(): void { super.reset(); this.bits.fill(0); }
  protected removed(keep: number, held: number, nonNull: number): number {
    for (let i = keep; i < held; i++) this.bits[i >> 3]! &= ~(1 << (i & 7));
    return nonNull / 8;
  }
}

type NumberArray = Int16Array | Int32Array | Float32Array | Float64Array;

/** smallint, int, float, double: numbers stored as they are (after a range check for integers). */
class NumberBuilder extends ColumnBuilder {
  private values: NumberArray;
  constructor(
    field: arrow.Field, column: FileColumn, private readonly alloc: (n: number) => NumberArray,
    private readonly check: (v: number) => boolean, private readonly width: number, private readonly expected: string,
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
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void { this.values = grown(this.values, this.alloc, capacity); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

class BigIntBuilder extends ColumnBuilder {
  private values = new BigInt64Array(this.capacity);
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
  data(length: number): arrow.Data { return this.make(length, { data: this.values.subarray(0, length) }); }
  protected grow(capacity: number): void {
    const next = new BigInt64Array(capacity);
    next.set(this.values.subarray(0, Math.min(capacity, this.values.length)));
    this.values = next;
  }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * 8; }
}

/** Within this many days of 1970, days * MICROS_PER_DAY + a day's micros is a safe integer. */
const SAFE_DAYS = 104_000;

/** time, datetime, datetimeoffset: 64-bit microseconds parsed from text. */
class MicrosBuilder extends ColumnBuilder {
  private words = new Int32Array(this.capacity * 2);
  /** Where `parse` leaves each value: one object for the column, reused for every row. */
  private readonly parts: TemporalParts = temporalParts();
  constructor(field: arrow.Field, column: FileColumn, private readonly parse: TemporalParser, private readonly expected: string) {
    super(field, column);
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
  data(length: number): arrow.Data { return this.make(length, { data: this.words.subarray(0, length * 4) }); }
  protected grow(capacity: number): void { this.words = grown(this.words, (n) => new Uint32Array(n), capacity * 4); }
  protected removed(_keep: number, _held: number, nonNull: number): number { return nonNull * this.width; }
}

/** string, uuid (UTF-8) and binary: offsets plus one byte buffer. */
class BytesBuilder extends ColumnBuilder {
  private offsets = new Int32Array(this.capacity + 1);
  private bytes: Buffer = Buffer.allocUnsafe(64 * 1024);
  constructor(field: arrow.Field, column: FileColumn, private readonly text: boolean) {
    super(field, column);
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
    case 'smallint': return new NumberBuilder(field(new arrow.Int16()), column, (n) => new Int16Array(n), isInt16, 4, 'a smallint number');
    case 'int': return new NumberBuilder(field(new arrow.Int32()), column, (n) => new Int32Array(n), isInt32, 4, 'an int number');
    case 'float': return new NumberBuilder(field(new arrow.Float32()), column, (n) => new Float32Array(n), isNumber, 4, 'a number');
    case 'double': return new NumberBuilder(field(new arrow.Float64()), column, (n) => new Float64Array(n), isNumber, 8, 'a number');
    case 'bigint': return new BigIntBuilder(field(new arrow.Int64()), column);
    case 'decimal': return new DecimalBuilder(field(new arrow.Decimal(type.scale, type.precision, 128)), column, type.precision, type.scale);
    case 'date': return new DateBuilder(field(new arrow.DateDay()), column);
    case 'time': return new MicrosBuilder(field(new arrow.TimeMicrosecond()), column, parseTime, 'a time HH:MM:SS[.ffffff]');
    case 'datetime': return new MicrosBuilder(field(new arrow.TimestampMicrosecond()), column, parseDateTime, 'a datetime YYYY-MM-DD HH:MM:SS[.ffffff]');
    case 'datetimeoffset':
      return new MicrosBuilder(field(new arrow.TimestampMicrosecond('UTC')), column, parseDateTimeOffset, 'a datetimeoffset YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM');
    case 'string': case 'uuid': return new BytesBuilder(field(new arrow.Utf8()), column, true);
    case 'binary': return new BytesBuilder(field(new arrow.Binary()), column, false);
  }
}
