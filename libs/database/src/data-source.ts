/** The DataSource of the migration CLI (`npm run migrate`, `npm run migration:generate`). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@brobygge/config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadConfig(process.env, { secrets: false }).DATABASE_URL));
