import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalidField } from '../problem/domain.error';

export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value)) throw invalidField(this.name, 'must be a UUID');
    return value.toLowerCase();
  }
}

/** A path parameter that must be a UUID (400 naming it otherwise). */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));
