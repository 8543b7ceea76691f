import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock, requireSignedIn } from '@brobygge/core';
import { Agreements } from '@brobygge/collaboration';
import { Authentication } from '@brobygge/identity';
import { bearerToken } from '../graphql/context';
import { DomainErrorHttpFilter } from '../http/domain-error.filter';

/**
 * The placement agreement of a WORKPLACE_PLACEMENT match as a PDF (issue 16), from
 * APPROVED on, for members of either side, coordinators of the region and admins (Bearer
 * token). Errors in the shared shape: 401 without a valid token, 404 for a match the
 * caller cannot see or that is no placement, 409 before APPROVED.
 */
@Controller('matches')
@UseFilters(DomainErrorHttpFilter)
export class AgreementController {
  constructor(
    private readonly agreements: Agreements,
    private readonly authentication: Authentication,
    private readonly clock: Clock,
  ) {}

  @Get(':id/agreement.pdf')
  async agreement(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const viewer = requireSignedIn(await this.authentication.viewerForToken(bearerToken(req)));
    const { pdf } = await this.agreements.pdf(viewer, id, this.clock.now());
    res
      .status(200)
      .setHeader('Content-Type', 'application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="brobygge-agreement-${id}.pdf"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(pdf);
  }
}
