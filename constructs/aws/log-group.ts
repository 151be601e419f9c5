import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';

export interface EncryptedLogGroupProps {
  /** Log group name. */
  readonly name: string;
  /** Retention in days (one CloudWatch accepts). */
  readonly retentionDays: number;
  /** KMS key ARN; its policy must let CloudWatch Logs use it (EncryptionKey allowCloudWatchLogs). */
  readonly kmsKeyArn: string;
}

/** A CloudWatch log group with retention and KMS encryption (created up front so neither is left to defaults). */
export class EncryptedLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.name = props.name;
    this.arn = this.logGroup.arn;
  }
}
