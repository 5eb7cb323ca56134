import { Injectable } from '@nestjs/common';
// The kept list of disposable mail domains (the disposable-email-domains package), updated with the dependency.
import domains from 'disposable-email-domains/index.json';
import wildcards from 'disposable-email-domains/wildcard.json';

/** Disposable mail services: their addresses do not sign petitions. */
@Injectable()
export class DisposableDomains {
  readonly domains: ReadonlySet<string> = new Set([...(domains as string[]), ...(wildcards as string[])].map((d) => d.toLowerCase()));
}
