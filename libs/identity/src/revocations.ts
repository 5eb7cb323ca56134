import { Injectable } from '@nestjs/common';

export type RevocationListener = (userId: string) => void;

/**
 * Who must lose their live connections now: a user whose refresh-token family
 * was revoked (a stolen token replayed). The live gateway listens and
 * disconnects that user's sockets on every node.
 */
@Injectable()
export class Revocations {
  private readonly listeners: RevocationListener[] = [];

  onRevoked(listener: RevocationListener): void {
    this.listeners.push(listener);
  }

  revoked(userId: string): void {
    for (const l of this.listeners) l(userId);
  }
}
