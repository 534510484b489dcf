/**
 * class-validator-style checks over a query string. HighLevel is a NestJS service, so its
 * 422 messages read like "limit must not be greater than 100"; ours do too, so a client's
 * error display is exercised with realistic text.
 */
export class QueryReader {
  readonly errors: string[] = [];
  private readonly params: URLSearchParams;

  constructor(params: URLSearchParams, known: ReadonlySet<string>) {
    this.params = params;
    // A misspelt parameter that is silently ignored looks like a filter that does nothing.
    for (const key of new Set(params.keys())) {
      if (!known.has(key)) this.errors.push(`property ${key} should not exist`);
    }
  }

  /** The value, or undefined when absent or blank. Repeats are an error. */
  string(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) {
      this.errors.push(`${name} must be a string`);
      return undefined;
    }
    const value = values[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined && !this.errors.some((e) => e.startsWith(`${name} `))) {
      this.errors.push(`${name} should not be empty`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.errors.push(`${name} must be one of the following values: ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      this.errors.push(`${name} must be an integer number`);
      return undefined;
    }
    const number = Number(value);
    if (number < min) {
      this.errors.push(`${name} must not be less than ${min}`);
      return undefined;
    }
    if (number > max) {
      this.errors.push(`${name} must not be greater than ${max}`);
      return undefined;
    }
    return number;
  }

  number(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const number = parseNumber(value);
    if (number === undefined) {
      this.errors.push(`${name} must be a number conforming to the specified constraints`);
    }
    return number;
  }

  /** A comma-separated list; blanks dropped. */
  list(name: string): string[] | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  }

  /** Every value under any of `names`, each split on commas. */
  allValues(names: readonly string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      for (const value of this.params.getAll(name)) {
        for (const part of value.split(',')) {
          if (part.trim() !== '') out.push(part.trim());
        }
      }
    }
    return out;
  }
}

export function parseNumber(value: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
