import { Database } from '@cdktf/provider-snowflake/lib/database';
import { Schema } from '@cdktf/provider-snowflake/lib/schema';
import { Warehouse } from '@cdktf/provider-snowflake/lib/warehouse';
import { Construct } from 'constructs';
import type { SnowflakeNames } from './names';

export interface ServingDatabaseProps {
  /** The environment's Snowflake names. */
  readonly names: SnowflakeNames;
  /** Longest a statement may run on the warehouse, in seconds. No default: it comes from the settings. */
  readonly statementTimeoutSeconds: number;
  /** Days of Time Travel on the database. Default 1. */
  readonly dataRetentionDays?: number;
}

/**
 * The environment's database with its three schemas (lake Iceberg tables, governed marts, governance
 * objects) and the smallest warehouse that serves them: XSMALL, suspended after 60 s idle, resumed on demand,
 * created suspended so a deploy costs no credits.
 */
export class ServingDatabase extends Construct {
  readonly database: Database;
  readonly lakeSchema: Schema;
  readonly martsSchema: Schema;
  readonly governanceSchema: Schema;
  readonly warehouse: Warehouse;

  constructor(scope: Construct, id: string, props: ServingDatabaseProps) {
    super(scope, id);
    const { names } = props;
    this.database = new Database(this, 'database', {
      name: names.database,
      comment: 'Northwind serving layer: Iceberg marts read in place, governed views',
      dataRetentionTimeInDays: props.dataRetentionDays ?? 1,
      // Nothing lives in PUBLIC; leaving it would be one more schema nobody governs.
      dropPublicSchemaOnCreation: true,
    });
    const schema = (schemaId: string, name: string, comment: string): Schema =>
      new Schema(this, schemaId, {
        database: names.database,
        name,
        comment,
        dependsOn: [this.database],
        // Managed access: grants in the schema are made by its owner only, not by whoever created an object.
        withManagedAccess: 'true',
      });
    this.lakeSchema = schema('lake', names.lakeSchema, 'Iceberg tables over the Glue catalog (read in place)');
    this.martsSchema = schema('marts', names.martsSchema, 'Governed mart views; column tags drive masking');
    this.governanceSchema = schema('governance', names.governanceSchema, 'Tags and masking policies');

    this.warehouse = new Warehouse(this, 'warehouse', {
      name: names.warehouse,
      comment: 'Serves the Northwind marts',
      warehouseSize: 'XSMALL',
      autoSuspend: 60,
      autoResume: 'true',
      initiallySuspended: true,
      statementTimeoutInSeconds: props.statementTimeoutSeconds,
    });
  }
}
