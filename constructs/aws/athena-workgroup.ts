import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { Construct } from 'constructs';

export interface AnalyticsWorkgroupProps {
  /** Workgroup name. */
  readonly name: string;
  /** Bucket receiving query results (under `results/`). */
  readonly resultsBucketName: string;
  /** The account owning the results bucket (results are refused for any other owner). */
  readonly accountId: string;
  /** KMS key encrypting results. */
  readonly kmsKeyArn: string;
  /** Per-query limit on bytes scanned. */
  readonly bytesScannedCutoffPerQuery: number;
}

/** The Athena workgroup dbt and analysts use: its settings are enforced, results encrypted with the customer key. */
export class AnalyticsWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroup;
  readonly name: string;

  constructor(scope: Construct, id: string, props: AnalyticsWorkgroupProps) {
    super(scope, id);
    this.name = props.name;
    this.workgroup = new AthenaWorkgroup(this, 'workgroup', {
      name: props.name,
      description: 'Data Vault builds (dbt-athena) and analysis; results encrypted, scans capped per query',
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        // Clients cannot override the output location, encryption or the scan limit.
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucketName}/results/`,
          expectedBucketOwner: props.accountId,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: props.kmsKeyArn },
        },
      },
    });
  }
}
