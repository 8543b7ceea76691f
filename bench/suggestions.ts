/**
 * Issue #5: suggestions for one request at 100,000 published offers, timed inside the
 * server process (SQL pre-filter + rules + scores + explanations), no HTTP in between.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CollaborationRequest } from '@brobygge/catalog';
import { CollaborationModule, SuggestionsService } from '@brobygge/collaboration';
import { ConfigModule } from '@brobygge/config';
import { ClockModule } from '@brobygge/core';
import { DatabaseModule, dataSourceOptions } from '@brobygge/database';
import { seedScale } from '../scripts/seed/scale';
import { benchDatabase, fmt, log, percentile } from './support';

@Module({ imports: [ConfigModule, ClockModule, DatabaseModule, CollaborationModule] })
class SuggestionsBenchModule {}

export async function suggestionsBench(o: { offers: number; samples: number }): Promise<void> {
  log(`\n## Suggestions: one request at ${o.offers.toLocaleString('en-US')} published offers (server-side)`);
  const db = await benchDatabase();
  try {
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    await seedScale(ds, o.offers);
    await ds.query('CHECKPOINT'); // the bulk load's writes, flushed before anything is timed
    await ds.destroy();
    process.env.DATABASE_URL = db.url;
    const app = await NestFactory.createApplicationContext(SuggestionsBenchModule, { logger: false });
    try {
      const service = app.get(SuggestionsService);
      const requests: CollaborationRequest[] = await app
        .get(DataSource)
        .getRepository(CollaborationRequest)
        .createQueryBuilder('r')
        .orderBy('r.id')
        .limit(o.samples)
        .getMany();
      for (const r of requests.slice(0, 20)) await service.offersFor(r, 'sv', 10); // warm-up
      const times: number[] = [];
      let shown = 0;
      for (const r of requests) {
        const t0 = performance.now();
        const found = await service.offersFor(r, 'sv', 10);
        times.push(performance.now() - t0);
        shown += found.length;
      }
      log(`${requests.length} different requests, first 10 suggestions each (${fmt(shown / requests.length)} on average), one at a time`);
      log(
        `p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, max ${fmt(Math.max(...times))} ms; target p95 ≤ 25 ms — ${percentile(times, 95) <= 25 ? 'met' : 'NOT met'}`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
}
