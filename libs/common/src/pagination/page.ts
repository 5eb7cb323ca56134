import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { invalidField } from '../problem/domain.error';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a tampered one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // falls through to the 400 below
  }
  throw invalidField('cursor', 'is not a valid cursor');
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells
 * that another page exists; the cursor is the key of the last row shown.
 */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown[], map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(map), nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1])) : null };
}

export function limitOf(q: PageQueryDto): number {
  return q.limit ?? DEFAULT_LIMIT;
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cursor whose key is [an instant, an id] (pages ordered by created_at, id):
 * anything else, a forged cursor included, is a 400 on `cursor`, never a
 * statement that fails in the database.
 */
export function decodeInstantIdCursor(cursor: string | undefined): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [at, id] = key;
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID_TEXT.test(id)) return [at, id];
  throw invalidField('cursor', 'is not a valid cursor');
}
