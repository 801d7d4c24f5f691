import { Injectable } from '@nestjs/common';
import { BadInputError, ConflictError, DomainError } from '@qf/common';
import { Role } from '@qf/database';
import { parse } from 'csv-parse/sync';
import { PasswordHasher } from './password-hasher';
import { UnitsService } from './units.service';
import { UsersService } from './users.service';

export interface ImportResult {
  created: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

const COLUMNS = ['username', 'displayName', 'role', 'unit', 'password'] as const;
const HASH_CONCURRENCY = 4; // argon2 runs on libuv's four threads

/**
 * Imports users from CSV (`username,displayName,role,unit,password`; unit = id or exact name).
 * A bad line is reported with its line number and never stops the good ones; an existing username
 * is skipped.
 */
@Injectable()
export class UserImportService {
  constructor(
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly hasher: PasswordHasher,
  ) {}

  async import(csv: string, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), {
        columns: (header: string[]) => {
          const names = header.map((h) => h.trim());
          const missing = COLUMNS.filter((c) => !names.includes(c));
          if (missing.length) throw new BadInputError(`CSV header must include ${COLUMNS.join(',')}; missing: ${missing.join(', ')}`);
          return names;
        },
        info: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new BadInputError(`CSV could not be read: ${err.message}`);
    }
    const result: ImportResult = { created: 0, skipped: 0, errors: [] };
    const seen = new Set<string>();
    const unitCache = new Map<string, string | null>();
    let done = 0;
    const queue = [...records];
    const work = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { record, info } = next;
        try {
          const username = record.username ?? '';
          if (seen.has(username.toLowerCase()) || (await this.users.usernameExists(username))) {
            result.skipped++;
            continue;
          }
          seen.add(username.toLowerCase());
          const unitKey = record.unit ?? '';
          if (!unitCache.has(unitKey)) unitCache.set(unitKey, (await this.units.findByIdOrName(unitKey))?.id ?? null);
          const unitId = unitCache.get(unitKey);
          if (!unitId) throw new BadInputError(`unit "${unitKey}" is not a unit id or the exact name of exactly one unit`);
          const input = { username, displayName: record.displayName, password: record.password, role: record.role as Role, unitId };
          this.users.checkNewUser(input);
          await this.users.create(input, await this.hasher.hash(input.password));
          result.created++;
        } catch (err) {
          if (err instanceof ConflictError) result.skipped++;
          else if (err instanceof DomainError) result.errors.push({ line: info.lines, message: err.message });
          else throw err;
        } finally {
          onProgress?.(++done, records.length);
        }
      }
    };
    await Promise.all(Array.from({ length: HASH_CONCURRENCY }, work));
    result.errors.sort((a, b) => a.line - b.line);
    return result;
  }
}
