import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
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
 * besides that it may reach HTTPS (endpoints, S3, other AWS APIs through NAT) and, once `allowPostgres` is
 * called, PostgreSQL on the Aurora security group. Nothing is admitted from outside the group.
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
    new VpcSecurityGroupIngressRule(this, 'self-in', {
      securityGroupId: this.id,
      description: 'Glue workers talk to each other (required by Glue connections)',
      ipProtocol: 'tcp',
      fromPort: 0,
      toPort: 65535,
      referencedSecurityGroupId: this.id,
    });
    new VpcSecurityGroupEgressRule(this, 'self-out', {
      securityGroupId: this.id,
      description: 'Glue workers talk to each other (required by Glue connections)',
      ipProtocol: 'tcp',
      fromPort: 0,
      toPort: 65535,
      referencedSecurityGroupId: this.id,
    });
    new VpcSecurityGroupEgressRule(this, 'https-vpc', {
      securityGroupId: this.id,
      description: 'HTTPS to the interface endpoints (glue, secretsmanager, logs, sts, kms)',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    new VpcSecurityGroupEgressRule(this, 'https-s3', {
      securityGroupId: this.id,
      description: 'HTTPS to S3 through the gateway endpoint',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId: props.s3PrefixListId,
    });
  }

  /** Lets the workers open PostgreSQL connections to the given (Aurora) security group. */
  allowPostgres(targetSecurityGroupId: string): void {
    new VpcSecurityGroupEgressRule(this, 'postgres-out', {
      securityGroupId: this.id,
      description: 'PostgreSQL to the Aurora source cluster',
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: targetSecurityGroupId,
    });
  }
}
