import { Controller, Logger, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidInputError, requireSignedIn } from '@brobygge/core';
import { Authentication, SCHOOL_REGISTER_LIMITS, SchoolRegister } from '@brobygge/identity';
import { bearerToken } from '../graphql/context';
import { DomainErrorHttpFilter } from '../http/domain-error.filter';

/** A query parameter given once, as text (`?region=a&region=b` is a mistake, not a list). */
function single(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidInputError(name, `Give the query parameter ${name} once.`);
  return value;
}

function dryRunOf(value: unknown): boolean {
  const v = single('dryRun', value);
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new InvalidInputError('dryRun', `Query parameter dryRun must be true or false (got ${JSON.stringify(v)}).`);
}

/** Why a Content-Type is refused, or null for text/csv in UTF-8 (no charset: UTF-8). */
function contentTypeProblem(header: string | undefined): string | null {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'text/csv') return `Send the file as Content-Type: text/csv (got ${header ? JSON.stringify(header) : 'none'}).`;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return `The file must be UTF-8 (got charset=${charset}); save it as "CSV UTF-8".`;
  return null;
}

/** The request body, or null once more than `max` bytes have come (the rest is not read). */
async function bodyUpTo(req: Request, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * `POST /imports/schools?region=CODE[&dryRun=true]` with a school-unit register file as the
 * `text/csv` body and a Bearer token: the region's coordinators and admins
 * (docs/school-register.md). Answers `{created, updated, unchanged, errors}`: 200 when the
 * file is clean (imported, or checked in a dry run), 422 with every error and nothing
 * written otherwise. Refusals have the shared shape `{error: {code, message, ...}}`:
 * 401, 403, 400 (region, dryRun), 413 (over 10 MB), 415 (not text/csv in UTF-8).
 *
 * The body is read here, from the stream, only on this route: the app's parsers (JSON,
 * URL-encoded) leave text/csv alone.
 */
@Controller('imports')
@UseFilters(DomainErrorHttpFilter)
export class SchoolImportController {
  private readonly logger = new Logger('SchoolImport');

  constructor(
    private readonly register: SchoolRegister,
    private readonly authentication: Authentication,
  ) {}

  @Post('schools')
  async schools(@Req() req: Request, @Res() res: Response, @Query('region') regionParam: unknown, @Query('dryRun') dryRunParam: unknown): Promise<void> {
    const viewer = requireSignedIn(await this.authentication.viewerForToken(bearerToken(req)));
    const unsupported = contentTypeProblem(req.headers['content-type']);
    if (unsupported) {
      res
        .status(415)
        .setHeader('Connection', 'close')
        .json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: unsupported } });
      return;
    }
    const regionCode = single('region', regionParam);
    if (!regionCode) throw new InvalidInputError('region', 'Name the region to import into: ?region=se-malmo (see the regions query for the codes).');
    const dryRun = dryRunOf(dryRunParam);
    await this.register.regionFor(viewer, regionCode);

    const max = SCHOOL_REGISTER_LIMITS.maxBytes;
    const body = await bodyUpTo(req, max);
    if (body === null) {
      res
        .status(413)
        .setHeader('Connection', 'close')
        .json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `A register file may be at most ${max / 1024 / 1024} MB; split it into several files.`, maxBytes: max } });
      return;
    }
    const t0 = performance.now();
    const result = await this.register.import(viewer, regionCode, body, { dryRun });
    this.logger.log(
      {
        userId: viewer.id,
        regionCode,
        dryRun,
        bytes: body.length,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        errors: result.errors.length,
        ms: Math.round(performance.now() - t0),
      },
      'school register import',
    );
    res
      .status(result.errors.length ? 422 : 200)
      .setHeader('Cache-Control', 'no-store')
      .json(result);
  }
}
