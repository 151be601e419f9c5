import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule, type SecurityGroupRuleConfig } from '@cdktf/provider-aws/lib/security-group-rule';
import { Construct } from 'constructs';
import { POSTGRES_PORT } from './aurora-cluster';

export interface GlueSecurityGroupProps {
  /** Security group name. */
  readonly name: string;
  readonly vpcId: string;
  /** VPC CIDR (HTTPS to the interface endpoints). */
  readonly vpcCidr: string;
  /** Prefix list of the S3 gateway endpoint (HTTPS to S3 without the NAT gateway). */
  readonly s3PrefixListId: string;
}

/**
 * The Glue job's network identity. Glue requires a self-referencing rule so its workers talk to each other;
 * besides that it may reach HTTPS (interface endpoints, S3) and, once `allowPostgres` is called, PostgreSQL
 * on the Aurora security group. Nothing is admitted from outside the group.
 *
 * Rules use `aws_security_group_rule` with `self = true` (not the newer per-rule resources) because checkov
 * reads a self-reference only in that form; every rule of this group uses the same resource type, as the
 * provider advises against mixing rule resource types on one group.
 */
export class GlueSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly id: string;

  constructor(scope: Construct, id: string, props: GlueSecurityGroupProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: props.name,
      description: 'Glue job workers: self traffic, HTTPS out, PostgreSQL to Aurora',
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.id = this.securityGroup.id;
    const selfRule: Omit<SecurityGroupRuleConfig, 'type'> = {
      securityGroupId: this.id,
      protocol: 'tcp',
      fromPort: 0,
      toPort: 65535,
      selfAttribute: true,
    };
    new SecurityGroupRule(this, 'self-in', {
      ...selfRule,
      type: 'ingress',
      description: 'Glue workers talk to each other (required by Glue connections)',
    });
    new SecurityGroupRule(this, 'self-out', {
      ...selfRule,
      type: 'egress',
      description: 'Glue workers talk to each other (required by Glue connections)',
    });
    new SecurityGroupRule(this, 'https-vpc', {
      securityGroupId: this.id,
      type: 'egress',
      description: 'HTTPS to the interface endpoints (glue, secretsmanager, logs, sts, kms)',
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrBlocks: [props.vpcCidr],
    });
    new SecurityGroupRule(this, 'https-s3', {
      securityGroupId: this.id,
      type: 'egress',
      description: 'HTTPS to S3 through the gateway endpoint',
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListIds: [props.s3PrefixListId],
    });
  }

  /** Lets the workers open PostgreSQL connections to the given (Aurora) security group. */
  allowPostgres(targetSecurityGroupId: string): void {
    new SecurityGroupRule(this, 'postgres-out', {
      securityGroupId: this.id,
      type: 'egress',
      description: 'PostgreSQL to the Aurora source cluster',
      protocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      sourceSecurityGroupId: targetSecurityGroupId,
    });
  }
}
