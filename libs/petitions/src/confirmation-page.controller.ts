import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { isPublished } from '@kenes/core';
import { Public, UuidParam } from '@kenes/common';
import { confirmationPage, confirmationPagePolicy } from './confirmation-page';
import { langOf } from './petition-i18n';
import { PetitionsRepository } from './petitions.repository';

export const CONFIRMATION_PAGE_PATH = 'petitions/:petitionId/confirm';

/** The page of the mailed link, served at the root beside the web app (outside /api/v1). A GET shows; only its button confirms. */
@ApiExcludeController()
@Controller()
export class ConfirmationPageController {
  constructor(private readonly petitions: PetitionsRepository) {}

  @Public()
  @Get(CONFIRMATION_PAGE_PATH)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@UuidParam('petitionId') petitionId: string, @Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res() res: Response): Promise<void> {
    const p = await this.petitions.findById(petitionId);
    const shown = p && isPublished(p.status) ? p : null;
    const html = confirmationPage(shown, 'api/v1', langOf(lang, accept));
    // The page's own policy replaces the app's: its inline script and style are admitted by their hashes.
    res.setHeader('Content-Security-Policy', confirmationPagePolicy(html));
    res.status(shown ? 200 : 404).type('text/html; charset=utf-8').send(html);
  }
}
