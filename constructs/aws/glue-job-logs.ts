import type { Construct } from 'constructs';
import { EncryptedLogGroup } from './log-group';

export interface GlueJobLogsProps {
  /** The jobs whose logs these are. */
  readonly jobNames: readonly string[];
  /** The role and security configuration the jobs run with (Glue derives log group names from both). */
  readonly roleName: string;
  readonly securityConfigurationName: string;
  readonly retentionDays: number;
  readonly kmsKeyArn: string;
}

/** The log group prefix a job gets through `--custom-logGroup-prefix` (Glue 5.0 adds `/output` and `/error`). */
export function glueLogGroupPrefix(jobName: string): string {
  return `/aws-glue/jobs/${jobName}`;
}

/**
 * The log groups the jobs write, created up front with retention and KMS encryption (the job role may not
 * create log groups). Glue 5.0 writes `<prefix>/output` and `<prefix>/error` for the custom prefix; with a
 * security configuration and no prefix (a run started with other arguments) it writes to groups named after
 * the configuration and the role, so those exist too. The jobs depend on the returned groups; the role's
 * policy names them.
 */
export function createGlueJobLogGroups(scope: Construct, props: GlueJobLogsProps): EncryptedLogGroup[] {
  const names: Record<string, string> = {
    output: `/aws-glue/jobs/${props.securityConfigurationName}-role/${props.roleName}/output`,
    error: `/aws-glue/jobs/${props.securityConfigurationName}-role/${props.roleName}/error`,
  };
  for (const [i, jobName] of props.jobNames.entries()) {
    // The first job keeps the ids it always had, so its log groups are not replaced.
    const id = i === 0 ? '' : `${jobName}-`;
    names[`${id}job-output`] = `${glueLogGroupPrefix(jobName)}/output`;
    names[`${id}job-error`] = `${glueLogGroupPrefix(jobName)}/error`;
  }
  return Object.entries(names).map(
    ([kind, name]) =>
      new EncryptedLogGroup(scope, `logs-${kind}`, {
        name,
        retentionDays: props.retentionDays,
        kmsKeyArn: props.kmsKeyArn,
      }),
  );
}
